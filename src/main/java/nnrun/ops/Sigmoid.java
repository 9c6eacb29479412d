package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** y = 1 / (1 + exp(-x)), saving y. VJP: g·y·(1 - y), the shape of x; no Jacobian is built. */
public final class Sigmoid extends Node {
    private Saved y;

    public static Tensor apply(Tensor x) {
        Tensor y = Elementwise.map(Unary.SIGMOID, x);
        Sigmoid node = new Sigmoid();
        node.y = node.save(y);
        return Autograd.record(node, y, x);
    }

    private Tensor slope() {
        Tensor yv = y.get();
        return yv.mul(Tensor.scalar(1f).sub(yv));
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.mul(slope())}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(slope()); }

    @Override protected void releaseSaved() { y = null; }
}
