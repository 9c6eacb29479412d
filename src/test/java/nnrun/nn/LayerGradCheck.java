package nnrun.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import nnrun.autodiff.Generator;
import nnrun.autodiff.GradCheck;
import nnrun.autodiff.GradMode;
import nnrun.autodiff.Tensor;

/**
 * Gradient checks for layers and losses. Inputs go through {@link GradCheck} (reverse and
 * forward mode against central differences); a layer's parameters are not function inputs, so
 * they are nudged in place here and compared with the gradients backward() leaves in them.
 */
public final class LayerGradCheck {
    private static final GradCheck.Tolerance TOL = GradCheck.Tolerance.FLOAT32;

    private LayerGradCheck() {}

    /** Reverse- and forward-mode derivatives of f with respect to every input. */
    public static void assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Report report = GradCheck.check(f, inputs);
        assertTrue(report.passed(), report::toString);
    }

    /** A layer's derivatives with respect to its input and each parameter, in its current mode (train or eval). */
    public static void assertLayer(Module m, Tensor x) {
        assertGradients(in -> m.forward(in[0]), x);
        if (m.parameterCount() == 0) return;
        m.zeroGrad();
        Tensor out = m.forward(x.detachedCopy());
        Tensor u = Tensor.randn(new Generator(99), out.shape());
        out.backward(u);
        for (var e : m.namedParameters().entrySet()) {
            Tensor p = e.getValue();
            float[] w = p.data(), analytic = p.grad().toArray();
            for (int k = 0; k < w.length; k++) {
                float saved = w[k];
                p.mutableData()[k] = (float) (saved + TOL.step());
                double plus = projected(m, x, u);
                p.mutableData()[k] = (float) (saved - TOL.step());
                double minus = projected(m, x, u);
                p.mutableData()[k] = saved;
                double numeric = (plus - minus) / (2 * TOL.step());
                assertEquals(numeric, analytic[k], TOL.atol() + TOL.rtol() * Math.abs(numeric), "d/d " + e.getKey() + " [" + k + "]");
            }
        }
    }

    /** uᵀ·layer(x) in double. */
    private static double projected(Module m, Tensor x, Tensor u) {
        try (var s = GradMode.off()) {
            float[] y = m.forward(x.detachedCopy()).toArray(), uv = u.data();
            double total = 0;
            for (int j = 0; j < y.length; j++) total += (double) y[j] * uv[j];
            return total;
        }
    }
}
