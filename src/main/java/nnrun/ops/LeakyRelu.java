package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;

/** x where x > 0, else slope·x; saves x. VJP: g where x > 0, else slope·g. */
public final class LeakyRelu extends Node {
    private Saved x;
    private final float slope;

    private LeakyRelu(Tensor x, float slope) { this.x = save(x); this.slope = slope; }

    public static Tensor apply(Tensor x, float slope) {
        float[] xv = x.data(), y = new float[xv.length];
        for (int i = 0; i < y.length; i++) y[i] = xv[i] > 0 ? xv[i] : slope * xv[i];
        return Autograd.record(new LeakyRelu(x, slope), Tensor.of(y, x.shape()), x);
    }

    private Tensor gate(Tensor g) {
        float[] xv = x.get().data(), gv = g.data(), out = new float[gv.length];
        for (int i = 0; i < out.length; i++) out[i] = xv[i] > 0 ? gv[i] : slope * gv[i];
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {gate(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return gate(t[0]); }

    @Override protected void releaseSaved() { x = null; }
}
