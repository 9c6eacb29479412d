package nnrun.autodiff;

import java.util.Locale;
import java.util.function.Function;

/**
 * Checks an op's (or any function's) derivatives against central finite differences.
 *
 * <p>Reverse mode: a fixed random u projects the output to the scalar uᵀf(x), whose gradient
 * uᵀJ backward() computes; every input element is then nudged by ±h and the scalar's change
 * (accumulated in double) gives the numeric value. Forward mode: a fixed random direction v per
 * input, J·v from the tangents against (f(x + hv) − f(x − hv)) / 2h, element by element.
 *
 * <p>Values are float32, so h cannot be tiny: the default h = 1e-3 balances truncation error
 * (∝ h²) against rounding (∝ float eps / h ≈ 1e-4), and an element passes when
 * |analytic − numeric| ≤ atol + rtol·|numeric| with atol = rtol = 1e-2. Inputs must stay more than
 * h away from kinks (relu at 0, ties in max), where no finite difference is meaningful.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Step and tolerances; {@link #FLOAT32} suits float32 ops on inputs of order 1. */
    public record Tolerance(double step, double atol, double rtol) {
        public static final Tolerance FLOAT32 = new Tolerance(1e-3, 1e-2, 1e-2);

        boolean accepts(double analytic, double numeric) {
            double diff = Math.abs(analytic - numeric);
            return diff <= atol + rtol * Math.abs(numeric) || (Double.isNaN(analytic) && Double.isNaN(numeric));
        }

        /** How far past the tolerance a pair is: ≤ 1 passes. */
        double ratio(double analytic, double numeric) {
            if (Double.isNaN(analytic) && Double.isNaN(numeric)) return 0;
            double r = Math.abs(analytic - numeric) / (atol + rtol * Math.abs(numeric));
            return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
        }
    }

    /** One compared element: which input (or output, for forward mode), where, both values. */
    public record Element(String mode, int input, int index, double analytic, double numeric) {
        public double error() { return Math.abs(analytic - numeric); }

        @Override public String toString() {
            return String.format(Locale.ROOT, "%s: %s element %d: analytic %.6g, numeric %.6g, |error| %.3g", mode,
                    mode.equals("forward") ? "output" : "input " + input + ",", index, analytic, numeric, error());
        }
    }

    /** The outcome: passed, and the worst element of each mode (null when nothing was compared). */
    public record Report(boolean passed, Element worstReverse, Element worstForward, int compared) {
        @Override public String toString() {
            return (passed ? "gradcheck passed" : "gradcheck FAILED") + " (" + compared + " elements)\n  worst "
                    + worstReverse + "\n  worst " + worstForward;
        }
    }

    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, Tolerance.FLOAT32, inputs);
    }

    public static Report check(Function<Tensor[], Tensor> f, Tolerance tol, Tensor... inputs) {
        Generator g = new Generator(0x5eed);
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < xs.length; i++) xs[i] = inputs[i].detachedCopy().requiresGrad(true);

        Tensor y;
        try (var on = GradMode.on()) { y = f.apply(xs); }
        Tensor u = Tensor.randn(g, y.shape());
        if (y.requiresGrad()) y.backward(u);

        Worst reverse = new Worst(tol);
        int compared = 0;
        for (int i = 0; i < xs.length; i++) {
            float[] x = xs[i].data();
            float[] analytic = xs[i].grad() != null ? xs[i].grad().data() : new float[x.length];
            for (int j = 0; j < x.length; j++) {
                float saved = x[j];
                double plus = projected(f, xs, i, j, saved + tol.step(), u);
                double minus = projected(f, xs, i, j, saved - tol.step(), u);
                xs[i].mutableData()[j] = saved;
                reverse.offer(new Element("reverse", i, j, analytic[j], (plus - minus) / (2 * tol.step())));
                compared++;
            }
        }

        Tensor[] directions = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) directions[i] = Tensor.randn(g, xs[i].shape());
        float[] tangent = forwardTangent(f, xs, directions).data();
        float[] plus = stepped(f, xs, directions, tol.step()).data();
        float[] minus = stepped(f, xs, directions, -tol.step()).data();
        Worst forward = new Worst(tol);
        for (int k = 0; k < tangent.length; k++) {
            forward.offer(new Element("forward", -1, k, tangent[k], ((double) plus[k] - minus[k]) / (2 * tol.step())));
            compared++;
        }
        return new Report(reverse.allPass && forward.allPass, reverse.element, forward.element, compared);
    }

    /** uᵀ f(x) in double, with element j of input i set to value. */
    private static double projected(Function<Tensor[], Tensor> f, Tensor[] xs, int i, int j, double value, Tensor u) {
        xs[i].mutableData()[j] = (float) value;
        float[] y;
        try (var off = GradMode.off()) { y = f.apply(xs).data(); }
        float[] uv = u.data();
        double s = 0;
        for (int k = 0; k < y.length; k++) s += (double) uv[k] * y[k];
        return s;
    }

    /** J·v by forward mode: the inputs carry the directions as tangents. */
    private static Tensor forwardTangent(Function<Tensor[], Tensor> f, Tensor[] xs, Tensor[] directions) {
        Tensor[] dual = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) dual[i] = xs[i].detach().withTangent(directions[i]);
        try (var off = GradMode.off()) {
            Tensor y = f.apply(dual);
            return y.tangent() != null ? y.tangent() : Tensor.zeros(y.shape());
        }
    }

    /** f(x + h·v). */
    private static Tensor stepped(Function<Tensor[], Tensor> f, Tensor[] xs, Tensor[] directions, double h) {
        Tensor[] moved = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            float[] x = xs[i].data(), v = directions[i].data(), m = new float[x.length];
            for (int j = 0; j < m.length; j++) m[j] = (float) (x[j] + h * v[j]);
            moved[i] = Tensor.of(m, xs[i].shape());
        }
        try (var off = GradMode.off()) { return f.apply(moved); }
    }

    /** Keeps the element furthest past the tolerance and whether all passed. */
    private static final class Worst {
        private final Tolerance tol;
        Element element;
        double ratio = -1;
        boolean allPass = true;

        Worst(Tolerance tol) { this.tol = tol; }

        void offer(Element e) {
            allPass &= tol.accepts(e.analytic(), e.numeric());
            double r = tol.ratio(e.analytic(), e.numeric());
            if (r > ratio) { ratio = r; element = e; }
        }
    }
}
