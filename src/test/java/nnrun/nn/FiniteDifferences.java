package nnrun.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;

import nnrun.autodiff.Generator;
import nnrun.autodiff.GradMode;
import nnrun.autodiff.Tensor;

/**
 * Gradient checks by central differences for the nn, loss and optim tests: the gradient that
 * backward() leaves in each input must match (f(x + h) − f(x − h))/2h for a random projection
 * of f's output, and forward-mode tangents must match the same differences along a direction.
 * float32 arithmetic limits agreement to about 1e-3 relative, hence h = 1e-2 and the tolerances.
 */
public final class FiniteDifferences {
    private static final float H = 1e-2f;

    private FiniteDifferences() {}

    /** Checks d(sum(r·f(inputs)))/d(input) for every input, r a fixed random projection. */
    public static void checkGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) leaves[i] = inputs[i].detachedCopy().requiresGrad(true);
        Tensor out = f.apply(leaves);
        Tensor r = Tensor.rand(new Generator(99), -1f, 1f, out.shape());
        out.mul(r).sum().backward();
        for (int i = 0; i < inputs.length; i++) {
            float[] x = inputs[i].toArray(), analytic = leaves[i].grad().toArray();
            for (int k = 0; k < x.length; k++) {
                double numeric = (project(f, inputs, i, k, x[k] + H, r) - project(f, inputs, i, k, x[k] - H, r)) / (2 * H);
                assertEquals(numeric, analytic[k], 2e-3 + 2e-2 * Math.abs(numeric),
                        "d/d input " + i + " [" + k + "]");
            }
        }
    }

    /**
     * Checks a layer's gradients with respect to its input and to each of its parameters, in
     * whatever mode (train/eval) the layer is in.
     */
    public static void checkModule(Module m, Tensor x) {
        checkGradients(in -> m.forward(in[0]), x);
        if (m.parameterCount() == 0) return;
        m.zeroGrad();
        Tensor out = m.forward(x.detachedCopy());
        Tensor r = Tensor.rand(new Generator(99), -1f, 1f, out.shape());
        out.mul(r).sum().backward();
        for (var e : m.namedParameters().entrySet()) {
            Tensor p = e.getValue();
            float[] w = p.data(), analytic = p.grad().toArray();
            for (int k = 0; k < w.length; k++) {
                float saved = w[k];
                w[k] = saved + H;
                double hi = projectModule(m, x, r);
                w[k] = saved - H;
                double lo = projectModule(m, x, r);
                w[k] = saved;
                double numeric = (hi - lo) / (2 * H);
                assertEquals(numeric, analytic[k], 2e-3 + 2e-2 * Math.abs(numeric), "d/d " + e.getKey() + " [" + k + "]");
            }
        }
    }

    private static double projectModule(Module m, Tensor x, Tensor r) {
        try (var s = GradMode.off()) {
            float[] y = m.forward(x.detachedCopy()).toArray(), rv = r.data();
            double total = 0;
            for (int j = 0; j < y.length; j++) total += (double) y[j] * rv[j];
            return total;
        }
    }

    /** Checks the forward-mode tangent of f at the inputs along random directions. */
    public static void checkTangent(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Generator g = new Generator(5);
        Tensor[] dual = new Tensor[inputs.length], plus = new Tensor[inputs.length], minus = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor v = Tensor.rand(g, -1f, 1f, inputs[i].shape());
            dual[i] = inputs[i].detachedCopy().withTangent(v);
            plus[i] = inputs[i].detachedCopy().add(v.mul(H));
            minus[i] = inputs[i].detachedCopy().sub(v.mul(H));
        }
        float[] tangent = f.apply(dual).tangent().toArray();
        float[] hi = f.apply(plus).toArray(), lo = f.apply(minus).toArray();
        for (int k = 0; k < tangent.length; k++) {
            double numeric = (hi[k] - lo[k]) / (2 * H);
            assertEquals(numeric, tangent[k], 2e-3 + 2e-2 * Math.abs(numeric), "tangent [" + k + "]");
        }
    }

    private static double project(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, int k, float value, Tensor r) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) xs[i] = inputs[i].detachedCopy();
        xs[which].data()[k] = value;
        try (var s = GradMode.off()) {
            float[] y = f.apply(xs).toArray(), rv = r.data();
            double total = 0;
            for (int j = 0; j < y.length; j++) total += (double) y[j] * rv[j];
            return total;
        }
    }
}
