package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** cos(x), saving x. VJP: −g·sin(x). */
public final class Cos extends Node {
    private Saved x;

    public static Tensor apply(Tensor x) {
        Cos node = new Cos();
        node.x = node.save(x);
        return Autograd.record(node, Primitives.map(Unary.COS, x), x);
    }

    private Tensor slope() { return Primitives.map(Unary.SIN, x.get()).neg(); }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.mul(slope())}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(slope()); }

    @Override protected void releaseSaved() { x = null; }
}
