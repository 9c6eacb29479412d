package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** |x|, saving x. VJP: g·sign(x), with sign(0) = 0 as in PyTorch. */
public final class Abs extends Node {
    private Saved x;

    public static Tensor apply(Tensor x) {
        Abs node = new Abs();
        node.x = node.save(x);
        return Autograd.record(node, Primitives.map(Unary.ABS, x), x);
    }

    private Tensor signed(Tensor g) {
        float[] xv = x.get().data(), gv = g.data(), out = MemoryScope.floats(gv.length);
        for (int i = 0; i < out.length; i++) out[i] = gv[i] * Math.signum(xv[i]);
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {signed(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return signed(t[0]); }

    @Override protected void releaseSaved() { x = null; }
}
