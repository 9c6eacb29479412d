package nnrun.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.config.ExperimentConfig;
import nnrun.data.Batch;
import nnrun.nn.Sequential;

/**
 * A config's own model, loss and optimizer (seeded weights), trained for a few steps as the trainer
 * runs them: each random batch comes from the backend's cache and goes back after its step. For
 * tests that train one config two ways and compare.
 */
public final class ConfigTraining {
    private ConfigTraining() {}

    /** The parameters and buffers after the steps (buffers named "buffer NAME"), and each step's error count. */
    public record Trained(Map<String, Tensor> state, List<Long> errors) {}

    /** One training step to run, and the parameters and buffers it updates (named as in {@link Trained}). */
    public interface Step extends Runnable {
        Map<String, Tensor> state();
    }

    private record BatchStep(Runnable body, Map<String, Tensor> state) implements Step {
        @Override public void run() { body.run(); }
    }

    /**
     * @param seed     the random batches' (and, offset by the step, the dropout masks')
     * @param eachStep runs one step and may measure around it or read the state between steps
     */
    public static Trained train(Backend backend, ExperimentConfig config, int batch, int steps, long seed, Consumer<Step> eachStep) {
        Backends.use(backend);
        ExperimentPlan plan = ExperimentPlan.of(config);
        Sequential model = plan.model().orElseThrow();
        model.train();
        TrainingStep step = new TrainingStep(model, plan.loss(), plan.optimizer().orElseThrow(), plan.settings().clipNorm());
        int[] shape = plan.inputShape();
        int length = 1;
        for (int d : shape) length *= d;
        Map<String, Tensor> state = new TreeMap<>(model.namedParameters());
        model.namedBuffers().forEach((k, v) -> state.put("buffer " + k, v));
        Generator data = new Generator(seed);
        List<Long> errors = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Batch b = new Batch(backend.allocate(batch * length), backend.allocateIndices(batch), batch, shape);
            for (int j = 0; j < b.x().length; j++) b.x()[j] = (float) data.nextGaussian();
            for (int j = 0; j < batch; j++) b.labels()[j] = data.nextInt(10);
            long dropoutSeed = seed * 1000 + i;
            eachStep.accept(new BatchStep(() -> errors.add(step.run(b, dropoutSeed).errors()), state));
            Batches.release(b);
        }
        return new Trained(state, errors);
    }
}
