package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/** -x. VJP: -g. */
public final class Neg extends Node {
    public static Tensor apply(Tensor x) {
        return Autograd.record(new Neg(), Primitives.map(Unary.NEG, x), x);
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.neg()}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].neg(); }
}
