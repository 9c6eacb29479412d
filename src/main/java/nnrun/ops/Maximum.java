package nnrun.ops;

import nnrun.autodiff.Tensor;
import nnrun.backend.Relation;

/**
 * Elementwise max(a, b) with broadcasting (not the reduction: see {@link Max}). The gradient
 * goes to the larger operand; on a tie it is split ½–½, as in PyTorch. A NaN operand wins, so
 * NaN propagates.
 */
public final class Maximum {
    private Maximum() {}

    public static Tensor apply(Tensor a, Tensor b) {
        return Where.blend("Maximum", Compare.mask("maximum", Relation.PREFERS_LARGER, a, b), a, b);
    }
}
