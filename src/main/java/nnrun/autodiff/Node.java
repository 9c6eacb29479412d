package nnrun.autodiff;

/**
 * One recorded op in the define-by-run graph: it knows where its inputs' gradients go and how
 * to turn the gradient of its output into theirs (the vector-Jacobian product) without ever
 * building a Jacobian. Each op subclasses this in one file, pairing its forward with its VJP and
 * JVP, and saves only what those need.
 *
 * <p>The name users see (in {@code grad_fn=<...>}, graph exports and errors) is the class name
 * plus "Backward", as in PyTorch: class {@code Sigmoid} shows as {@code SigmoidBackward}. Fused ops
 * whose class is named {@code XOp} (so as not to clash with the layer {@code X}) show as {@code XBackward}.
 */
public abstract class Node {
    /** Per input: the node that receives its gradient, or null if that input needs none. */
    Node[] next;
    /** Per input: its shape, so the engine can check each VJP returns a gradient of that shape. */
    int[][] inputShapes;
    private boolean released;

    /** Gradient of each input given the gradient of the output; an entry may be null (no gradient). */
    protected abstract Tensor[] vjp(Tensor grad);

    /**
     * Tangent of the output given one tangent per input (forward mode, J·v). Missing input
     * tangents arrive as zeros of the input's shape.
     */
    protected abstract Tensor jvp(Tensor[] tangents);

    /**
     * Whether input i needs a gradient at all. A VJP may skip the work for inputs that do not (the
     * data fed to the first layer, say) and return null for them, as PyTorch does.
     */
    protected final boolean needsInputGrad(int i) { return next != null && next[i] != null; }

    /** Drops the saved tensors after backward; subclasses null out what they saved. */
    protected void releaseSaved() {}

    public String name() { return getClass().getSimpleName().replaceFirst("Op$", "") + "Backward"; }

    /** The nodes this one passes gradients to (null entries for inputs that need none). */
    public Node[] inputs() { return next.clone(); }

    final Tensor[] runVjp(Tensor grad) {
        if (released)
            throw new IllegalStateException(name() + ": trying to backward through the graph a second time; its saved"
                    + " tensors were freed after the first backward. Call backward(grad, true) (retain the graph)"
                    + " the first time if you need to go through it again.");
        return vjp(grad);
    }

    final void release() {
        released = true;
        releaseSaved();
    }

    /** Saves a tensor for backward, remembering its version so an in-place change is caught. */
    protected final Saved save(Tensor t) { return new Saved(this, t); }

    /** A tensor saved for backward together with the version it had when saved. */
    public static final class Saved {
        private final Node owner;
        private final Tensor tensor;
        private final int version;

        Saved(Node owner, Tensor tensor) {
            this.owner = owner;
            this.tensor = tensor;
            this.version = tensor.version();
        }

        public Tensor get() {
            if (tensor.version() != version)
                throw new IllegalStateException(owner.name() + ": a tensor of shape " + Shapes.str(tensor.shape())
                        + " saved for backward was modified in place (version " + version + " when saved, now "
                        + tensor.version() + "). Clone it before changing it, or change it only after backward.");
            return tensor;
        }
    }
}
