package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Binary;
import nnrun.backend.Unary;

/** |x|, saving x. VJP: g·sign(x), with sign(0) = 0 as in PyTorch. */
public final class Abs extends Node {
    private Saved x;

    public static Tensor apply(Tensor x) {
        Abs node = new Abs();
        node.x = node.save(x);
        return Autograd.record(node, Primitives.map(Unary.ABS, x), x);
    }

    private Tensor signed(Tensor g) { return Primitives.zip("abs", Binary.MUL, g, Primitives.map(Unary.SIGN, x.get())); }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {signed(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return signed(t[0]); }

    @Override protected void releaseSaved() { x = null; }
}
