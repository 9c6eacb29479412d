package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** y = 1 / (1 + exp(-x)), saving y. VJP: g·y·(1 - y), the shape of x; no Jacobian is built. */
public final class SigmoidOp extends Node {
    private Saved y;

    public static Tensor apply(Tensor x) {
        Tensor y = Primitives.map(Unary.SIGMOID, x);
        SigmoidOp node = new SigmoidOp();
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
