package nnrun.ops;

import java.util.function.BiPredicate;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/**
 * Elementwise comparisons with broadcasting, giving masks of 1 and 0 for {@link Where}. A mask
 * is data, not a function of its inputs anyone differentiates, so nothing is recorded.
 */
public final class Compare {
    private Compare() {}

    public static Tensor greater(Tensor a, Tensor b) { return mask("gt", a, b, (x, y) -> x > y); }

    public static Tensor less(Tensor a, Tensor b) { return mask("lt", a, b, (x, y) -> x < y); }

    private static Tensor mask(String op, Tensor a, Tensor b, BiPredicate<Float, Float> test) {
        int[] shape = Shapes.broadcast(op, a.shape(), b.shape());
        float[] av = Primitives.expand(a, shape).data(), bv = Primitives.expand(b, shape).data();
        float[] m = MemoryScope.floats(av.length);
        for (int i = 0; i < m.length; i++) m[i] = test.test(av[i], bv[i]) ? 1f : 0f;
        return Tensor.of(m, shape);
    }
}
