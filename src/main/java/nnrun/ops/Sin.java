package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** sin(x), saving x. VJP: g·cos(x). */
public final class Sin extends Node {
    private Saved x;

    public static Tensor apply(Tensor x) {
        Sin node = new Sin();
        node.x = node.save(x);
        return Autograd.record(node, Primitives.map(Unary.SIN, x), x);
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.mul(Primitives.map(Unary.COS, x.get()))}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(Primitives.map(Unary.COS, x.get())); }

    @Override protected void releaseSaved() { x = null; }
}
