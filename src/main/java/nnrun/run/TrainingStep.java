package nnrun.run;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Tensor;
import nnrun.data.Batch;
import nnrun.loss.Loss;
import nnrun.nn.Module;
import nnrun.optim.GradClip;
import nnrun.optim.Optimizer;

/**
 * One step on one batch: forward, loss, backward, clipping, update. What the {@link Trainer} runs
 * for every batch and what {@code nnrun bench} times, so the benchmark measures the loop users run.
 * On a device backend the batch goes in and the loss and error count come out; nothing else crosses.
 */
public final class TrainingStep {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final double clipNorm;

    /** What one step reports: the batch's mean loss and how many of its samples the model got wrong. */
    public record Result(float loss, long errors) {}

    /** @param clipNorm the global gradient norm to clip to, 0 for none */
    public TrainingStep(Module model, Loss loss, Optimizer optimizer, double clipNorm) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
    }

    /**
     * Every array the step allocates (activations, saved values, gradients) belongs to one
     * {@link MemoryScope} and goes back to the backend when the step ends, so the next step reuses
     * it. The gradients are dropped before that (PyTorch's zero_grad with set_to_none), since they
     * are the scope's too: after a step, parameters have no gradient.
     *
     * @param dropoutSeed reseeds the model's dropout masks: a pure function of the batch's position
     */
    public Result run(Batch b, long dropoutSeed) {
        try (MemoryScope step = MemoryScope.open()) {
            model.reseed(dropoutSeed);
            Tensor out = model.forward(Batches.input(b));
            Tensor l = loss.compute(out, b.labels());
            float value = l.item();
            if (!Float.isFinite(value)) return new Result(value, 0); // the divergence guard stops the run before anything is saved
            long errors = Batches.errors(out, b); // before backward: on a device the count came back with the loss
            optimizer.zeroGrad();
            l.backward();
            if (clipNorm > 0) GradClip.byGlobalNorm(model.parameters(), clipNorm);
            optimizer.step();
            for (Tensor p : model.parameters()) p.zeroGrad(); // frozen ones too: no gradient may outlive the scope
            return new Result(value, errors);
        }
    }
}
