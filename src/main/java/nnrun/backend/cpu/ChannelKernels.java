package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Per-channel reductions and affine maps over [n, channels, spatial] buffers (batch norm's
 * kernels), parallel over channels, SIMD along each contiguous spatial run. Sums run in float
 * lanes per run and are combined in double, so a channel of 128·32·32 values loses no accuracy
 * that matters next to float storage.
 */
public final class ChannelKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private final Parallel pool;

    public ChannelKernels(Parallel pool) { this.pool = pool; }

    public void sums(float[] x, float[] times, int n, int channels, int spatial, double[] sum, double[] dot) {
        pool.forRange(channels, (long) n * spatial * (times == null ? 1 : 2), (from, to) -> {
            for (int c = from; c < to; c++) {
                double s = 0, d = 0;
                for (int i = 0; i < n; i++) {
                    int o = (i * channels + c) * spatial;
                    s += runSum(x, o, spatial);
                    if (times != null) d += runDot(x, times, o, spatial);
                }
                sum[c] = s;
                if (times != null) dot[c] = d;
            }
        });
    }

    private static double runSum(float[] x, int o, int len) {
        FloatVector acc = FloatVector.zero(S);
        int k = 0;
        for (int end = S.loopBound(len); k < end; k += S.length()) acc = acc.add(FloatVector.fromArray(S, x, o + k));
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; k < len; k++) s += x[o + k];
        return s;
    }

    private static double runDot(float[] x, float[] y, int o, int len) {
        FloatVector acc = FloatVector.zero(S);
        int k = 0;
        for (int end = S.loopBound(len); k < end; k += S.length())
            acc = FloatVector.fromArray(S, x, o + k).fma(FloatVector.fromArray(S, y, o + k), acc);
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (; k < len; k++) s += (double) x[o + k] * y[o + k];
        return s;
    }

    public void affine(float[] x, float[] scale, float[] shift, int n, int channels, int spatial, float[] y) {
        pool.forRange(n * channels, spatial, (from, to) -> {
            for (int r = from; r < to; r++) {
                int c = r % channels, o = r * spatial, k = 0;
                FloatVector a = FloatVector.broadcast(S, scale[c]), b = FloatVector.broadcast(S, shift[c]);
                for (int end = S.loopBound(spatial); k < end; k += S.length())
                    FloatVector.fromArray(S, x, o + k).fma(a, b).intoArray(y, o + k);
                for (; k < spatial; k++) y[o + k] = x[o + k] * scale[c] + shift[c];
            }
        });
    }

    /** ReLU's VJP: g where y > 0. */
    public void reluBackward(float[] y, float[] g, float[] dx, int n) {
        pool.forRange(n, 1, (from, to) -> {
            int i = from;
            FloatVector zero = FloatVector.zero(S);
            for (int end = from + S.loopBound(to - from); i < end; i += S.length()) {
                FloatVector yv = FloatVector.fromArray(S, y, i);
                FloatVector.fromArray(S, g, i).blend(zero, yv.compare(VectorOperators.LE, zero)).intoArray(dx, i);
            }
            for (; i < to; i++) dx[i] = y[i] > 0 ? g[i] : 0f;
        });
    }
}
