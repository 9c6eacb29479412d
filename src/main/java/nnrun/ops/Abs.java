package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
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

    private Tensor signed(Tensor g) {
        int n = g.numel();
        float[] sign = MemoryScope.empty(n), out = MemoryScope.empty(n);
        Backend be = Backends.current();
        be.unary(Unary.SIGN, x.get().buffer(), sign, n);
        be.binary(Binary.MUL, g.buffer(), sign, out, n);
        MemoryScope.releaseEarly(sign);
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {signed(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return signed(t[0]); }

    @Override protected void releaseSaved() { x = null; }
}
