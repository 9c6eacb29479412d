package nnrun.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import nnrun.autodiff.Generator;
import nnrun.autodiff.GradMode;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.DeviceChoice;
import nnrun.backend.DeviceTime;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;
import nnrun.data.Batch;
import nnrun.nn.ModelSummary;
import nnrun.nn.Sequential;

/**
 * Training steps and inference batches per second of a config's model on random inputs of the
 * dataset's shape: the same measurement the PyTorch peer script makes, so the two compare.
 */
public final class ThroughputBenchmark {
    private static final int WARMUP_STEPS = 5;

    /** trainGflops counts 3 × forward FLOPs per image, like the peer script. */
    /** @param trainStepDevice a device backend's time and copies per training step (empty on the CPU) */
    public record Result(String name, double trainImagesPerSecond, double inferImagesPerSecond, double trainGflops, String device,
                         Optional<DeviceTime> trainStepDevice) {}

    private ThroughputBenchmark() {}

    public static Result measure(Path configFile, List<String> overrides, int batch, int inferBatch, double seconds) {
        ExperimentConfig config = ConfigLoader.load(configFile, overrides);
        DeviceChoice device = ExperimentRunner.selectDevice(config);
        ExperimentPlan plan = ExperimentPlan.of(config);
        Sequential model = plan.model().orElseThrow(() -> new IllegalArgumentException(
                configFile + ": bench needs a dataset of known shape (mnist, cifar10, or a synthetic set)"));
        int[] shape = plan.inputShape();
        Generator g = new Generator(config.seed());
        int classes = model.outputShape(shape)[0];
        Batch[] batches = new Batch[4];
        for (int i = 0; i < batches.length; i++) {
            int[] labels = new int[batch];
            for (int j = 0; j < batch; j++) labels[j] = g.nextInt(classes);
            batches[i] = new Batch(Tensor.randn(g, prepend(batch, shape)).toArray(), labels, batch, shape);
        }
        model.train();
        TrainingStep training = new TrainingStep(model, plan.loss(), plan.optimizer().orElseThrow(), plan.settings().clipNorm());
        int[] step = {0};
        // A data loader hands a device backend a new batch every step, which it must copy in; the
        // CPU backend reads the batch where it is, so it keeps cycling through the same four.
        boolean freshBatches = Backends.current().deviceTime().isPresent();
        Runnable trainStep = () -> {
            int i = step[0]++ % batches.length;
            Batch b = freshBatches ? new Batch(batches[i].x().clone(), batches[i].labels().clone(), batch, shape) : batches[i];
            training.run(b, step[0]);
        };
        if (freshBatches) for (int i = 0; i < WARMUP_STEPS; i++) trainStep.run(); // first steps upload the weights
        Optional<DeviceTime> before = Backends.current().deviceTime();
        int stepsBefore = step[0];
        double train = rate(trainStep, batch, seconds);
        int steps = step[0] - stepsBefore;
        Optional<DeviceTime> perStep = before.map(b -> Backends.current().deviceTime().orElseThrow().minus(b).dividedBy(steps));
        model.eval();
        Tensor xi = Tensor.randn(g, prepend(inferBatch, shape));
        Runnable infer = () -> { // as evaluation runs a batch: its arrays go back to the backend after it
            try (var off = GradMode.off(); MemoryScope batchMemory = MemoryScope.open()) {
                model.forward(xi);
            }
        };
        double inferRate = rate(infer, inferBatch, seconds);
        double flops = ModelSummary.of(model, shape).totalFlops();
        return new Result(config.name(), train, inferRate, train * 3 * flops / 1e9, device.backend().name(), perStep);
    }

    private static double rate(Runnable step, int itemsPerCall, double seconds) {
        for (int i = 0; i < WARMUP_STEPS; i++) step.run();
        long t0 = System.nanoTime();
        int n = 0;
        double elapsed;
        do {
            step.run();
            n++;
            elapsed = (System.nanoTime() - t0) / 1e9;
        } while (elapsed < seconds);
        return n * (double) itemsPerCall / elapsed;
    }

    private static int[] prepend(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
