package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** y = exp(x), saving y. VJP: g·y. */
public final class Exp extends Node {
    private Saved y;

    public static Tensor apply(Tensor x) {
        Tensor y = Primitives.map(Unary.EXP, x);
        Exp node = new Exp();
        node.y = node.save(y);
        return Autograd.record(node, y, x);
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.mul(y.get())}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(y.get()); }

    @Override protected void releaseSaved() { y = null; }
}
