package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;

/**
 * exp(x) / Σ exp(x) along one axis, computed after subtracting each lane's max so that large
 * inputs never overflow; saves the output y. VJP: y·(g − Σ g·y) along the axis, no Jacobian built.
 */
public final class SoftmaxOp extends Node {
    private Saved y;
    private final Lanes lanes;

    private SoftmaxOp(Tensor y, Lanes lanes) { this.y = save(y); this.lanes = lanes; }

    public static Tensor apply(Tensor x, int axis) {
        int[] in = x.shape();
        Lanes lanes = Lanes.around(in, Lanes.axis("softmax", axis, in));
        Tensor y = Tensor.of(probabilities(x.data(), lanes), in);
        return Autograd.record(new SoftmaxOp(y, lanes), y, x);
    }

    /** exp(x − log Σ exp(x)) for every lane: the max-shifted softmax, accumulating in double. */
    private static float[] probabilities(float[] x, Lanes lanes) {
        float[] out = new float[x.length];
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                double logZ = lanes.logSumExp(x, o, i);
                for (int j = 0; j < lanes.len(); j++) out[lanes.at(o, j, i)] = (float) Math.exp(x[lanes.at(o, j, i)] - logZ);
            }
        return out;
    }

    /** y·(g − Σ_axis g·y): the VJP, and also the JVP since the softmax Jacobian is symmetric. */
    private Tensor project(Tensor g) {
        float[] yv = y.get().data(), gv = g.data(), out = new float[gv.length];
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                double dot = 0;
                for (int j = 0; j < lanes.len(); j++) dot += (double) gv[lanes.at(o, j, i)] * yv[lanes.at(o, j, i)];
                for (int j = 0; j < lanes.len(); j++) {
                    int k = lanes.at(o, j, i);
                    out[k] = (float) (yv[k] * (gv[k] - dot));
                }
            }
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {project(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return project(t[0]); }

    @Override protected void releaseSaved() { y = null; }
}
