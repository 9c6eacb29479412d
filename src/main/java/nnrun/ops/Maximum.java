package nnrun.ops;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/**
 * Elementwise max(a, b) with broadcasting (not the reduction: see {@link Max}). The gradient
 * goes to the larger operand; on a tie it is split ½–½, as in PyTorch. A NaN operand wins, so
 * NaN propagates.
 */
public final class Maximum {
    private Maximum() {}

    public static Tensor apply(Tensor a, Tensor b) { return Where.blend("Maximum", weights("maximum", a, b, 1), a, b); }

    /** 1 where a is preferred, 0 where b is, ½ on ties; `sign` +1 prefers the larger, −1 the smaller. */
    static Tensor weights(String op, Tensor a, Tensor b, int sign) {
        int[] shape = Shapes.broadcast(op, a.shape(), b.shape());
        float[] av = Primitives.expand(a, shape).data(), bv = Primitives.expand(b, shape).data();
        float[] w = MemoryScope.floats(av.length);
        for (int i = 0; i < w.length; i++) {
            float x = av[i], y = bv[i];
            if (Float.isNaN(x) || Float.isNaN(y)) w[i] = Float.isNaN(x) ? 1f : 0f;
            else w[i] = x == y ? 0.5f : (sign * Float.compare(x, y) > 0 ? 1f : 0f);
        }
        return Tensor.of(w, shape);
    }
}
