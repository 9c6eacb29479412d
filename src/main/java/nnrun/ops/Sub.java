package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Binary;

/** a - b with broadcasting. VJP: g and -g, summed over broadcast axes. */
public final class Sub extends Node {
    private final int[] aShape, bShape;

    private Sub(Tensor a, Tensor b) { aShape = a.shape(); bShape = b.shape(); }

    public static Tensor apply(Tensor a, Tensor b) {
        return Autograd.record(new Sub(a, b), Primitives.zip("sub", Binary.SUB, a, b), a, b);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        return new Tensor[] {Primitives.reduceTo(g, aShape), Primitives.reduceTo(g.neg(), bShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].sub(t[1]); }
}
