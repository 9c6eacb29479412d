package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Binary;

/** a * b elementwise with broadcasting. VJP: g·b for a and g·a for b. */
public final class Mul extends Node {
    private Saved a, b;

    private Mul(Tensor a, Tensor b) { this.a = save(a); this.b = save(b); }

    public static Tensor apply(Tensor a, Tensor b) {
        return Autograd.record(new Mul(a, b), Primitives.zip("mul", Binary.MUL, a, b), a, b);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        Tensor av = a.get(), bv = b.get();
        return new Tensor[] {Primitives.reduceTo(g.mul(bv), av.shape()), Primitives.reduceTo(g.mul(av), bv.shape())};
    }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(b.get()).add(a.get().mul(t[1])); }

    @Override protected void releaseSaved() { a = b = null; }
}
