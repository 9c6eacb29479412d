package nnrun.ops;

import nnrun.autodiff.Tensor;
import nnrun.backend.Relation;

/** Elementwise min(a, b) with broadcasting; the gradient goes to the smaller operand, split ½–½ on ties. */
public final class Minimum {
    private Minimum() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Where.blend("Minimum", Compare.mask("minimum", Relation.PREFERS_SMALLER, a, b), a, b);
    }
}
