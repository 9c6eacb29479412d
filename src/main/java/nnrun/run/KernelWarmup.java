package nnrun.run;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.JavaBackend;
import nnrun.config.ExperimentConfig;
import nnrun.data.Batch;
import nnrun.nn.Sequential;

/**
 * Training steps of a throwaway copy of the model, on random batches of the run's size, on a
 * background thread while the data loads: the JIT compiles the CPU kernels then, on a core that
 * start-up leaves idle, instead of inside the first real steps. Until C2 has compiled them the
 * Vector API kernels run interpreted or as C1 code, tens of times slower: the first epoch of
 * mnist_fcnn took 1.7 s against 0.7 s for the second (AMD EPYC, 2 threads).
 *
 * <p>The copy is built from the config as the run's model is, with its own generator, so the run
 * trains exactly as it would without the warm-up: its weights, optimizer state and dropout masks
 * are never touched, and a kernel gives the same bits compiled or not. Only the Java backend
 * warms up (a device compiles its kernels ahead), and only a model whose input shape the config
 * fixes. A failure here never reaches the run: the warm-up just ends.
 */
final class KernelWarmup implements AutoCloseable {
    /** Bounds for slow data (a download): past them the kernels are compiled and the steps only cost. */
    private static final int MAX_STEPS = 40;
    private static final long MAX_NANOS = 3_000_000_000L;

    private final ExperimentConfig config;
    private final Thread thread;
    private volatile boolean stop;
    private volatile int steps;

    private KernelWarmup(ExperimentConfig config) {
        this.config = config;
        this.thread = new Thread(this::run, "nnrun-kernel-warmup");
        thread.setDaemon(true);
    }

    /** Starts warming up the current backend for {@code config}'s model; does nothing where that does not apply. */
    static KernelWarmup start(ExperimentConfig config) {
        KernelWarmup warmup = new KernelWarmup(config);
        if (Backends.current() instanceof JavaBackend) warmup.thread.start();
        return warmup;
    }

    /** Steps taken so far. */
    int steps() { return steps; }

    private void run() {
        try {
            ExperimentPlan plan = ExperimentPlan.of(config);
            if (plan.model().isEmpty() || plan.optimizer().isEmpty()) return;
            Sequential model = plan.model().get();
            int[] shape = plan.inputShape();
            Generator g = new Generator(config.seed() ^ 0x5DEECE66DL);
            int classes = model.outputShape(shape)[0];
            model.train();
            TrainingStep step = new TrainingStep(model, plan.loss(), plan.optimizer().get(), plan.settings().clipNorm());
            // The run's batch size: the same GEMM paths and array lengths, which the step's cache then holds for the run.
            Batch b = randomBatch(g, config.train().batchSize(), shape, classes);
            long t0 = System.nanoTime();
            while (!stop && steps < MAX_STEPS && System.nanoTime() - t0 < MAX_NANOS) {
                step.run(b, steps);
                steps++;
            }
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // The run builds and trains its own model and reports its own errors; this one only ends the warm-up.
        }
    }

    private static Batch randomBatch(Generator g, int n, int[] shape, int classes) {
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) labels[j] = g.nextInt(classes);
        int[] batchShape = new int[shape.length + 1];
        batchShape[0] = n;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        return new Batch(Tensor.randn(g, batchShape).toArray(), labels, n, shape);
    }

    /** Stops after the step in progress and waits for it: from here the backend is the run's alone. */
    @Override
    public void close() {
        stop = true;
        if (!thread.isAlive()) return;
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
