package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** tanh(x), saving y = tanh(x). VJP: g·(1 − y²). */
public final class TanhOp extends Node {
    private Saved y;

    public static Tensor apply(Tensor x) {
        Tensor y = Primitives.map(Unary.TANH, x);
        TanhOp node = new TanhOp();
        node.y = node.save(y);
        return Autograd.record(node, y, x);
    }

    private Tensor slope() {
        Tensor yv = y.get();
        return Tensor.scalar(1f).sub(yv.mul(yv));
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.mul(slope())}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(slope()); }

    @Override protected void releaseSaved() { y = null; }
}
