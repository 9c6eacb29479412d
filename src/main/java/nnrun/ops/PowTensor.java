package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.Binary;

/**
 * a^b elementwise with broadcasting, saving a, b and the output y. VJP: g·b·a^(b−1) for a and
 * g·y·ln(a) for b. Where a = 0 the exponent's gradient is taken as 0 (the limit of y·ln a for
 * b > 0, PyTorch's choice); for a < 0, ln a is NaN and so is that gradient, as in PyTorch.
 */
public final class PowTensor extends Node {
    private Saved a, b, y;

    private PowTensor(Tensor a, Tensor b, Tensor y) { this.a = save(a); this.b = save(b); this.y = save(y); }

    public static Tensor apply(Tensor a, Tensor b) {
        Tensor y = Primitives.zip("pow", Binary.POW, a, b);
        return Autograd.record(new PowTensor(a, b, y), y, a, b);
    }

    /** ∂y/∂a = b·a^(b−1), in the output's shape. */
    private Tensor slopeInBase() {
        Tensor bv = b.get();
        return Primitives.zip("pow", Binary.POW, a.get(), bv.sub(1f)).mul(bv);
    }

    /** ∂y/∂b = y·ln a, in the output's shape, with 0 where a = 0: a backend kernel. */
    private Tensor slopeInExponent() {
        Tensor yv = y.get(), base = Primitives.expand(a.get(), yv.shape());
        float[] out = MemoryScope.empty(yv.numel());
        Backends.current().powExponentSlope(base.buffer(), yv.buffer(), out, out.length);
        return Tensor.of(out, yv.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) {
        return new Tensor[] {
            Primitives.reduceTo(g.mul(slopeInBase()), a.get().shape()),
            Primitives.reduceTo(g.mul(slopeInExponent()), b.get().shape())};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        return t[0].mul(slopeInBase()).add(t[1].mul(slopeInExponent()));
    }

    @Override protected void releaseSaved() { a = b = y = null; }
}
