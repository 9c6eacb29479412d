package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import nnrun.backend.SgdRule;

/**
 * Straight-line SIMD loops over contiguous float runs, one method per operation. Each loop
 * names its vector operation directly (never through a variable or a shared helper) so C2
 * intrinsifies it and keeps every vector in registers.
 */
final class VectorLoops {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorLoops() {}

    static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length())
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length())
            FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length())
            FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length())
            FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    static void max(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length())
            FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = Math.max(a[ao + i], b[bo + i]);
    }

    static void min(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += S.length())
            FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        for (; i < n; i++) out[oo + i] = Math.min(a[ao + i], b[bo + i]);
    }

    static void neg(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length())
            FloatVector.fromArray(S, x, i).neg().intoArray(y, i);
        for (; i < to; i++) y[i] = -x[i];
    }

    static void abs(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length())
            FloatVector.fromArray(S, x, i).abs().intoArray(y, i);
        for (; i < to; i++) y[i] = Math.abs(x[i]);
    }

    static void sqrt(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length())
            FloatVector.fromArray(S, x, i).sqrt().intoArray(y, i);
        for (; i < to; i++) y[i] = (float) Math.sqrt(x[i]);
    }

    /** x > 0 ? x : 0, so NaN and -0 map to +0 exactly as the scalar definition does. */
    static void relu(float[] x, float[] y, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
        }
        for (; i < to; i++) y[i] = x[i] > 0 ? x[i] : 0f;
    }

    static void axpy(float alpha, float[] x, float[] y, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length())
            FloatVector.fromArray(S, x, i).mul(alpha).add(FloatVector.fromArray(S, y, i)).intoArray(y, i);
        for (; i < to; i++) y[i] += alpha * x[i];
    }

    static void scale(float alpha, float[] x, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length())
            FloatVector.fromArray(S, x, i).mul(alpha).intoArray(x, i);
        for (; i < to; i++) x[i] *= alpha;
    }

    /** {@link SgdRule#apply} with the same operations per lane; the first step's buffer copy stays scalar. */
    static void sgdUpdate(SgdRule r, float[] w, float[] g, float[] b, int from, int to) {
        if (r.firstStep() && r.usesBuffer()) {
            r.apply(w, g, b, from, to);
            return;
        }
        float lr = r.lr(), wd = r.weightDecay(), mu = r.momentum(), keep = 1 - r.dampening();
        boolean decay = wd != 0f, momentum = r.usesBuffer(), nesterov = r.nesterov();
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector d = FloatVector.fromArray(S, g, i);
            if (decay) d = d.add(wv.mul(wd));
            if (momentum) {
                FloatVector bv = FloatVector.fromArray(S, b, i).mul(mu).add(d.mul(keep));
                bv.intoArray(b, i);
                d = nesterov ? d.add(bv.mul(mu)) : bv;
            }
            wv.sub(d.mul(lr)).intoArray(w, i);
        }
        r.apply(w, g, b, i, to);
    }
}
