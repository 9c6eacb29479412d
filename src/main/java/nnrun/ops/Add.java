package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Binary;

/** a + b with broadcasting. VJP: the gradient passes through, summed over broadcast axes. */
public final class Add extends Node {
    private final int[] aShape, bShape;

    private Add(Tensor a, Tensor b) { aShape = a.shape(); bShape = b.shape(); }

    public static Tensor apply(Tensor a, Tensor b) {
        return Autograd.record(new Add(a, b), Primitives.zip("add", Binary.ADD, a, b), a, b);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        return new Tensor[] {Primitives.reduceTo(g, aShape), Primitives.reduceTo(g, bShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].add(t[1]); }
}
