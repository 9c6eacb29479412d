package nnrun.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnrun.autodiff.Tensor;

/**
 * A layer or a stack of layers: named parameters (its own and its children's, as
 * "child.name"), named buffers (state that is saved but not trained, such as running
 * statistics), a train/eval mode, and a forward pass.
 *
 * <p>Shapes given to {@link #outputShape} and {@link #flops} are per sample, without the batch
 * dimension (a 32×32 RGB image is {3, 32, 32}); {@link #forward} takes and returns batches.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    public abstract Tensor forward(Tensor x);

    /** The per-sample output shape for a per-sample input shape; a clear exception if the input does not fit. */
    public abstract int[] outputShape(int[] inputShape);

    /** Floating-point operations of one forward pass for one sample (a multiply-add counts 2). */
    public abstract long flops(int[] inputShape);

    /**
     * Multiply-accumulates of one forward pass for one sample: those of the matrix products and
     * convolutions, what ptflops and fvcore report as "FLOPs"; 0 for layers without any.
     */
    public long macs(int[] inputShape) { return 0; }

    /** One line describing the layer and its settings, e.g. {@code Linear(784 → 10)}. */
    public abstract String describe();

    /** Registers a trainable tensor: it requires grad and is labelled with its name for graph exports. */
    protected final Tensor addParameter(String name, Tensor value) {
        value.requiresGrad(true).label(name);
        parameters.put(name, value);
        return value;
    }

    protected final Tensor addBuffer(String name, Tensor value) {
        buffers.put(name, value.label(name));
        return value;
    }

    protected final <M extends Module> M addChild(String name, M child) {
        children.put(name, child);
        child.namedParameters().forEach((k, p) -> p.label(name + "." + k));
        ((Module) child).setTraining(training);
        return child;
    }

    /** Parameters in registration order, children's prefixed with the child's name: "0.weight", "0.bias", ... */
    public final Map<String, Tensor> namedParameters() { return collect(true); }

    public final Map<String, Tensor> namedBuffers() { return collect(false); }

    private Map<String, Tensor> collect(boolean params) {
        Map<String, Tensor> out = new LinkedHashMap<>(params ? parameters : buffers);
        children.forEach((name, child) -> child.collect(params).forEach((k, v) -> out.put(name + "." + k, v)));
        return Collections.unmodifiableMap(out);
    }

    public final List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    public final long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) n += p.numel();
        return n;
    }

    /** Training mode: dropout drops and batch norm uses batch statistics. Applies to all children. */
    public final Module train() { setTraining(true); return this; }

    /** Evaluation mode: dropout passes through and batch norm uses its running statistics. */
    public final Module eval() { setTraining(false); return this; }

    public final boolean isTraining() { return training; }

    private void setTraining(boolean value) {
        training = value;
        for (Module c : children.values()) c.setTraining(value);
    }

    /**
     * Restarts the random streams (dropout masks) of this module and its children from a seed, so
     * that the masks of a training step depend only on where in training it is, not on history:
     * a resumed run then draws what an uninterrupted one would.
     */
    public void reseed(long seed) {
        long i = 0;
        for (Module c : children.values()) c.reseed(seed * 0x9E3779B97F4A7C15L + ++i);
    }

    /** Clears the gradients of all parameters. */
    public final void zeroGrad() { for (Tensor p : namedParameters().values()) p.zeroGrad(); }

    @Override public String toString() { return describe(); }
}
