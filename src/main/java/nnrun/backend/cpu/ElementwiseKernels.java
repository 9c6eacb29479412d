package nnrun.backend.cpu;

import nnrun.backend.Binary;
import nnrun.backend.SgdRule;
import nnrun.backend.Unary;

/**
 * ElementwiseKernels, broadcast and reduction kernels. Exact operations (neg, abs, sqrt, relu, +, −,
 * ×, ÷, max, min) run as SIMD loops and give the same bits as the scalar definitions;
 * transcendentals (exp, log, sin, cos, tanh, sigmoid, pow) call those scalar definitions
 * themselves, so they agree exactly too. Only float sums (sumAxis) reorder additions.
 * Everything splits over the pool once a call does more than {@link Parallel#MIN_PARALLEL_WORK}.
 */
public final class ElementwiseKernels {
    /** Relative cost of one scalar transcendental call against one SIMD lane operation. */
    private static final int TRANSCENDENTAL_COST = 16;

    private final Parallel pool;
    private double[] rowLoss = new double[0];

    public ElementwiseKernels(Parallel pool) {
        this.pool = pool;
    }

    public void unary(Unary op, float[] x, float[] y, int n) {
        switch (op) {
            case NEG -> pool.forRange(n, 1, (from, to) -> VectorLoops.neg(x, y, from, to));
            case ABS -> pool.forRange(n, 1, (from, to) -> VectorLoops.abs(x, y, from, to));
            case SQRT -> pool.forRange(n, 1, (from, to) -> VectorLoops.sqrt(x, y, from, to));
            case RELU -> pool.forRange(n, 1, (from, to) -> VectorLoops.relu(x, y, from, to));
            default -> pool.forRange(n, TRANSCENDENTAL_COST, (from, to) -> {
                for (int i = from; i < to; i++) y[i] = op.apply(x[i]);
            });
        }
    }

    public void binary(Binary op, float[] a, float[] b, float[] out, int n) {
        pool.forRange(n, op == Binary.POW ? TRANSCENDENTAL_COST : 1,
                (from, to) -> contiguous(op, a, from, b, from, out, from, to - from));
    }

    /** out[oo ..] = op(a[ao ..], b[bo ..]) over n contiguous elements. */
    private static void contiguous(Binary op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        switch (op) {
            case ADD -> VectorLoops.add(a, ao, b, bo, out, oo, n);
            case SUB -> VectorLoops.sub(a, ao, b, bo, out, oo, n);
            case MUL -> VectorLoops.mul(a, ao, b, bo, out, oo, n);
            case DIV -> VectorLoops.div(a, ao, b, bo, out, oo, n);
            case MAX -> VectorLoops.max(a, ao, b, bo, out, oo, n);
            case MIN -> VectorLoops.min(a, ao, b, bo, out, oo, n);
            case POW -> { for (int i = 0; i < n; i++) out[oo + i] = op.apply(a[ao + i], b[bo + i]); }
        }
    }

    /**
     * Broadcasting binary op, one output row (the last axis) at a time: each row's source
     * offsets are decoded from its index, so rows split freely over threads. Rows where both
     * sources are contiguous, or one is contiguous and the other one value, take the SIMD loop;
     * other strided rows go scalar.
     */
    public void binaryStrided(Binary op, float[] a, int[] aStrides, float[] b, int[] bStrides,
                              float[] out, int[] outShape) {
        int rank = outShape.length;
        if (aStrides.length != rank || bStrides.length != rank)
            throw new IllegalArgumentException("binaryStrided needs one stride per output axis: output rank " + rank
                    + ", got " + aStrides.length + " strides for a and " + bStrides.length + " for b");
        long total = 1;
        for (int d : outShape) total *= d;
        if (total == 0) return;
        if (rank == 0) { out[0] = op.apply(a[0], b[0]); return; }
        int len = outShape[rank - 1], rows = (int) (total / len);
        int as = aStrides[rank - 1], bs = bStrides[rank - 1];
        pool.forRange(rows, op == Binary.POW ? (long) len * TRANSCENDENTAL_COST : len, (from, to) -> {
            // A row that repeats one value of a (or b), such as a per-channel scale over an image
            // plane, is spread into this buffer so that it too takes the SIMD loop.
            float[] spread = (as == 0 && bs == 1) || (as == 1 && bs == 0) ? new float[len] : null;
            for (int r = from; r < to; r++) {
                int ai = 0, bi = 0;
                for (int d = rank - 2, rest = r; d >= 0; d--) {
                    int idx = rest % outShape[d];
                    rest /= outShape[d];
                    ai += idx * aStrides[d];
                    bi += idx * bStrides[d];
                }
                int o = r * len;
                if (as == 1 && bs == 1) {
                    contiguous(op, a, ai, b, bi, out, o, len);
                } else if (spread != null && bs == 0) {
                    java.util.Arrays.fill(spread, b[bi]);
                    contiguous(op, a, ai, spread, 0, out, o, len);
                } else if (spread != null) {
                    java.util.Arrays.fill(spread, a[ai]);
                    contiguous(op, spread, 0, b, bi, out, o, len);
                } else {
                    for (int j = 0; j < len; j++) out[o + j] = op.apply(a[ai + j * as], b[bi + j * bs]);
                }
            }
        });
    }

    /** out[o·inner + i] = Σ_j x[(o·len + j)·inner + i], split over outer, or over inner when outer is small. */
    public void sumAxis(float[] x, int outer, int len, int inner, float[] out) {
        if (inner == 1) {
            pool.forRange(outer, len, (from, to) -> {
                for (int o = from; o < to; o++) out[o] = Reductions.sum(x, o * len, len);
            });
        } else if (outer >= pool.threads()) {
            pool.forRange(outer, (long) len * inner, (from, to) -> {
                for (int o = from; o < to; o++) sumRows(x, o, len, inner, 0, inner, out);
            });
        } else {
            pool.forRange(inner, (long) len * outer, (from, to) -> {
                for (int o = 0; o < outer; o++) sumRows(x, o, len, inner, from, to, out);
            });
        }
    }

    /** Columns [i0, i1) of the len×inner slab o, summed down the rows with SIMD adds. */
    private static void sumRows(float[] x, int o, int len, int inner, int i0, int i1, float[] out) {
        int dst = o * inner + i0, n = i1 - i0, src = o * len * inner + i0;
        System.arraycopy(x, src, out, dst, n);
        for (int j = 1; j < len; j++) VectorLoops.add(out, dst, x, src + j * inner, out, dst, n);
    }

    public void sgdUpdate(SgdRule rule, float[] w, float[] g, float[] b, int n) {
        // Memory-bound: both cores' share of the bandwidth, not their FLOPs, is what this buys.
        pool.forRange(n, 4, (from, to) -> VectorLoops.sgdUpdate(rule, w, g, b, from, to));
    }

    public void axpy(int n, float alpha, float[] x, float[] y) {
        pool.forRange(n, 1, (from, to) -> VectorLoops.axpy(alpha, x, y, from, to));
    }

    public void scale(int n, float alpha, float[] x) {
        pool.forRange(n, 1, (from, to) -> VectorLoops.scale(alpha, x, from, to));
    }

    /**
     * Row-parallel softmax cross-entropy with the reference's double-precision arithmetic; the
     * per-row losses are summed in row order afterwards, so the total is bit-identical too.
     */
    public double softmaxCrossEntropy(float[] logits, int[] labels, int rows, int classes, float[] probs) {
        if (rowLoss.length < rows) rowLoss = new double[rows];
        double[] losses = rowLoss;
        for (int r = 0; r < rows; r++) {
            if (labels[r] < 0 || labels[r] >= classes)
                throw new IllegalArgumentException("label " + labels[r] + " of row " + r
                        + " is outside the " + classes + " classes [0, " + (classes - 1) + "]");
        }
        pool.forRange(rows, (long) classes * TRANSCENDENTAL_COST, (from, to) -> {
            for (int r = from; r < to; r++) {
                int off = r * classes;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) max = Math.max(max, logits[off + j]);
                double z = 0;
                for (int j = 0; j < classes; j++) z += Math.exp(logits[off + j] - max);
                for (int j = 0; j < classes; j++) probs[off + j] = (float) (Math.exp(logits[off + j] - max) / z);
                losses[r] = logits[off + labels[r]] - max - Math.log(z);
            }
        });
        double loss = 0;
        for (int r = 0; r < rows; r++) loss -= losses[r];
        return loss;
    }
}
