package nnrun.ops;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.Relation;

/**
 * Elementwise comparisons with broadcasting, giving masks of 1 and 0 for {@link Where}. A mask
 * is data, not a function of its inputs anyone differentiates, so nothing is recorded.
 */
public final class Compare {
    private Compare() {}

    public static Tensor greater(Tensor a, Tensor b) { return mask("gt", Relation.GREATER, a, b); }

    public static Tensor less(Tensor a, Tensor b) { return mask("lt", Relation.LESS, a, b); }

    /** relation(a, b) over their broadcast shape; `op` names the user-facing op for shape errors. */
    static Tensor mask(String op, Relation relation, Tensor a, Tensor b) {
        return over(Shapes.broadcast(op, a.shape(), b.shape()), relation, a, b);
    }

    /** relation(a, b) over shape, to which both broadcast: a backend kernel. */
    static Tensor over(int[] shape, Relation relation, Tensor a, Tensor b) {
        float[] m = MemoryScope.empty(Shapes.numel(shape));
        Backends.current().compare(relation, a.buffer(), Shapes.broadcastStrides(a.shape(), shape),
                b.buffer(), Shapes.broadcastStrides(b.shape(), shape), m, shape);
        return Tensor.of(m, shape);
    }
}
