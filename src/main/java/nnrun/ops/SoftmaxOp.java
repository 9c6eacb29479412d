package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * exp(x) / Σ exp(x) along one axis, computed after subtracting each lane's max so that large
 * inputs never overflow; saves the output y. VJP: y·(g − Σ g·y) along the axis, no Jacobian built.
 * Both are backend kernels, so a softmax block keeps a device model on the device.
 */
public final class SoftmaxOp extends Node {
    private Saved y;
    private final Lanes lanes;

    private SoftmaxOp(Tensor y, Lanes lanes) { this.y = save(y); this.lanes = lanes; }

    public static Tensor apply(Tensor x, int axis) {
        int[] in = x.shape();
        Lanes lanes = Lanes.around(in, Lanes.axis("softmax", axis, in));
        float[] out = MemoryScope.empty(x.numel());
        Backends.current().softmax(x.buffer(), lanes.outer(), lanes.len(), lanes.inner(), out);
        Tensor y = Tensor.of(out, in);
        return Autograd.record(new SoftmaxOp(y, lanes), y, x);
    }

    /** y·(g − Σ_axis g·y): the VJP, and also the JVP since the softmax Jacobian is symmetric. */
    private Tensor project(Tensor g) {
        float[] out = MemoryScope.empty(g.numel());
        Backends.current().softmaxBackward(y.get().buffer(), g.buffer(), lanes.outer(), lanes.len(), lanes.inner(), out);
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {project(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return project(t[0]); }

    @Override protected void releaseSaved() { y = null; }
}
