package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = alpha·A·Bᵀ + beta·C when C has only a few columns (a classifier's output layer: 10)
 * or A only a few rows (one sample), as dot products of A's and B's rows, both contiguous: no
 * packing. The packed path would copy all of A into MR-row panels to fill micro-tiles whose 32
 * columns are two-thirds empty, or all of B into panels for a micro-tile of one row in eight.
 * A tile is 2 rows of A × 4 rows of B: 6 vector loads feed 8 FMAs, 8 sums reduced at the end;
 * an odd last row takes 1 × 4 tiles.
 */
final class RowDotProducts {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Widest C this path takes; beyond it the packed micro-kernel's tiles are full enough. */
    static final int MAX_COLUMNS = 16;

    /** Most rows of A this path takes at any width: each tile row reads all of B once more. */
    static final int MAX_ROWS = 4;

    private RowDotProducts() {}

    /** Rows [i0, i1) of C; A is m×k (lda), B is n×k (ldb), both row-major. */
    static void rows(int i0, int i1, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int i = i0;
        for (; i + 2 <= i1; i += 2) {
            int j = 0;
            for (; j + 4 <= n; j += 4) tile2x4(i, j, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            for (; j < n; j++) {
                store(c, cOff + i * ldc + j, alpha, beta, dot(a, aOff + i * lda, b, bOff + j * ldb, k));
                store(c, cOff + (i + 1) * ldc + j, alpha, beta, dot(a, aOff + (i + 1) * lda, b, bOff + j * ldb, k));
            }
        }
        if (i < i1) {
            int j = 0;
            for (; j + 4 <= n; j += 4) tile1x4(i, j, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            for (; j < n; j++) store(c, cOff + i * ldc + j, alpha, beta, dot(a, aOff + i * lda, b, bOff + j * ldb, k));
        }
    }

    private static void tile1x4(int i, int j, int k, float alpha, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int a0 = aOff + i * lda;
        int b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int q = 0;
        for (int end = S.loopBound(k); q < end; q += L) {
            FloatVector x = FloatVector.fromArray(S, a, a0 + q);
            s0 = x.fma(FloatVector.fromArray(S, b, b0 + q), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b1 + q), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b2 + q), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b3 + q), s3);
        }
        float r0 = s0.reduceLanes(VectorOperators.ADD), r1 = s1.reduceLanes(VectorOperators.ADD),
                r2 = s2.reduceLanes(VectorOperators.ADD), r3 = s3.reduceLanes(VectorOperators.ADD);
        for (; q < k; q++) {
            float x = a[a0 + q];
            r0 += x * b[b0 + q]; r1 += x * b[b1 + q]; r2 += x * b[b2 + q]; r3 += x * b[b3 + q];
        }
        int c0 = cOff + i * ldc + j;
        store(c, c0, alpha, beta, r0); store(c, c0 + 1, alpha, beta, r1);
        store(c, c0 + 2, alpha, beta, r2); store(c, c0 + 3, alpha, beta, r3);
    }

    private static void tile2x4(int i, int j, int k, float alpha, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        int a0 = aOff + i * lda, a1 = a0 + lda;
        int b0 = bOff + j * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        int q = 0;
        for (int end = S.loopBound(k); q < end; q += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + q), x1 = FloatVector.fromArray(S, a, a1 + q);
            FloatVector w = FloatVector.fromArray(S, b, b0 + q);
            s00 = x0.fma(w, s00); s10 = x1.fma(w, s10);
            w = FloatVector.fromArray(S, b, b1 + q);
            s01 = x0.fma(w, s01); s11 = x1.fma(w, s11);
            w = FloatVector.fromArray(S, b, b2 + q);
            s02 = x0.fma(w, s02); s12 = x1.fma(w, s12);
            w = FloatVector.fromArray(S, b, b3 + q);
            s03 = x0.fma(w, s03); s13 = x1.fma(w, s13);
        }
        float r00 = s00.reduceLanes(VectorOperators.ADD), r01 = s01.reduceLanes(VectorOperators.ADD),
                r02 = s02.reduceLanes(VectorOperators.ADD), r03 = s03.reduceLanes(VectorOperators.ADD),
                r10 = s10.reduceLanes(VectorOperators.ADD), r11 = s11.reduceLanes(VectorOperators.ADD),
                r12 = s12.reduceLanes(VectorOperators.ADD), r13 = s13.reduceLanes(VectorOperators.ADD);
        for (; q < k; q++) {
            float x0 = a[a0 + q], x1 = a[a1 + q];
            r00 += x0 * b[b0 + q]; r01 += x0 * b[b1 + q]; r02 += x0 * b[b2 + q]; r03 += x0 * b[b3 + q];
            r10 += x1 * b[b0 + q]; r11 += x1 * b[b1 + q]; r12 += x1 * b[b2 + q]; r13 += x1 * b[b3 + q];
        }
        int c0 = cOff + i * ldc + j, c1 = c0 + ldc;
        store(c, c0, alpha, beta, r00); store(c, c0 + 1, alpha, beta, r01);
        store(c, c0 + 2, alpha, beta, r02); store(c, c0 + 3, alpha, beta, r03);
        store(c, c1, alpha, beta, r10); store(c, c1 + 1, alpha, beta, r11);
        store(c, c1 + 2, alpha, beta, r12); store(c, c1 + 3, alpha, beta, r13);
    }

    private static float dot(float[] a, int ai, float[] b, int bi, int k) {
        FloatVector s = FloatVector.zero(S);
        int q = 0;
        for (int end = S.loopBound(k); q < end; q += L)
            s = FloatVector.fromArray(S, a, ai + q).fma(FloatVector.fromArray(S, b, bi + q), s);
        float r = s.reduceLanes(VectorOperators.ADD);
        for (; q < k; q++) r += a[ai + q] * b[bi + q];
        return r;
    }

    /** beta = 0 never reads C, so NaN there is overwritten (the BLAS convention the packed path keeps). */
    private static void store(float[] c, int at, float alpha, float beta, float sum) {
        c[at] = beta == 0f ? alpha * sum : alpha * sum + beta * c[at];
    }
}
