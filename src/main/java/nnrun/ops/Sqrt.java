package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** √x, saving y = √x. VJP: g / (2y). √ of a negative number is NaN, as in IEEE 754 and PyTorch. */
public final class Sqrt extends Node {
    private Saved y;

    public static Tensor apply(Tensor x) {
        Tensor y = Primitives.map(Unary.SQRT, x);
        Sqrt node = new Sqrt();
        node.y = node.save(y);
        return Autograd.record(node, y, x);
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.div(y.get().mul(2f))}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].div(y.get().mul(2f)); }

    @Override protected void releaseSaved() { y = null; }
}
