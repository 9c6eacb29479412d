package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * x − log Σ exp(x) along one axis, as x − m − log Σ exp(x − m) with m the lane's max, so it stays
 * finite for any finite input (log of a computed softmax would give −inf for tiny probabilities).
 * Saves the output y. VJP: g − softmax·Σ g along the axis, with softmax = exp(y).
 */
public final class LogSoftmax extends Node {
    private Saved y;
    private final Lanes lanes;

    private LogSoftmax(Tensor y, Lanes lanes) { this.y = save(y); this.lanes = lanes; }

    public static Tensor apply(Tensor x, int axis) {
        int[] in = x.shape();
        Lanes lanes = Lanes.around(in, Lanes.axis("log_softmax", axis, in));
        float[] out = MemoryScope.empty(x.numel());
        Backends.current().logSoftmax(x.buffer(), lanes.outer(), lanes.len(), lanes.inner(), out);
        Tensor y = Tensor.of(out, in);
        return Autograd.record(new LogSoftmax(y, lanes), y, x);
    }

    /** g − exp(y)·Σ_axis g, a backend kernel. */
    private Tensor vjpOf(Tensor g) {
        float[] out = MemoryScope.empty(g.numel());
        Backends.current().logSoftmaxBackward(y.get().buffer(), g.buffer(), lanes.outer(), lanes.len(), lanes.inner(), out);
        return Tensor.of(out, g.shape());
    }

    /** t − Σ_axis exp(y)·t (the Jacobian is I − 1·softmaxᵀ per lane, so J·t differs from gᵀJ). */
    private Tensor jvpOf(Tensor t) {
        float[] yv = y.get().data(), tv = t.data(), out = MemoryScope.floats(tv.length);
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                double dot = 0;
                for (int j = 0; j < lanes.len(); j++) dot += Math.exp(yv[lanes.at(o, j, i)]) * tv[lanes.at(o, j, i)];
                for (int j = 0; j < lanes.len(); j++) {
                    int k = lanes.at(o, j, i);
                    out[k] = (float) (tv[k] - dot);
                }
            }
        return Tensor.of(out, t.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {vjpOf(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return jvpOf(t[0]); }

    @Override protected void releaseSaved() { y = null; }
}
