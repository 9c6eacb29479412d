package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Binary;

/** a / b elementwise with broadcasting. VJP: g/b for a and -g·a/b² for b. */
public final class Div extends Node {
    private Saved a, b;

    private Div(Tensor a, Tensor b) { this.a = save(a); this.b = save(b); }

    public static Tensor apply(Tensor a, Tensor b) {
        return Autograd.record(new Div(a, b), Primitives.zip("div", Binary.DIV, a, b), a, b);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        Tensor av = a.get(), bv = b.get();
        return new Tensor[] {
            Primitives.reduceTo(g.div(bv), av.shape()),
            Primitives.reduceTo(g.mul(av).div(bv.mul(bv)).neg(), bv.shape())};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        Tensor av = a.get(), bv = b.get();
        return t[0].mul(bv).sub(av.mul(t[1])).div(bv.mul(bv));
    }

    @Override protected void releaseSaved() { a = b = null; }
}
