package nnrun.ops;

import nnrun.autodiff.Tensor;

/** Elementwise min(a, b) with broadcasting; the gradient goes to the smaller operand, split ½–½ on ties. */
public final class Minimum {
    private Minimum() {}

    public static Tensor apply(Tensor a, Tensor b) { return Where.blend("Minimum", Maximum.weights("minimum", a, b, -1), a, b); }
}
