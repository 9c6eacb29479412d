package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * C = alpha·op(A)·op(B) + beta·C. A work-group of 8×8 work-items owns a 32×32 tile of C and
 * stages 32×16 slices of op(A) and 16×32 slices of op(B) in local memory; each work-item keeps a
 * 4×4 block of C in registers, so every value read from local memory feeds four multiply-adds.
 * Transposition is folded into two strides per operand: one kernel serves all four variants.
 */
final class GemmKernel extends Kernel {
    /** Work-items per side of a work-group. */
    static final int GROUP = 8;
    /** Rows and columns of C per work-group. */
    static final int TILE = 32;
    /** Depth of one staged slice. */
    static final int DEPTH = 16;

    float[] a = new float[1];
    float[] b = new float[1];
    float[] c = new float[1];
    int m, n, k;
    int aOff, aRowStride, aColStride;
    int bOff, bRowStride, bColStride;
    int cOff, ldc;
    float alpha, beta;

    @Local final float[] tileA = new float[TILE * DEPTH];
    @Local final float[] tileB = new float[DEPTH * TILE];

    void set(boolean transA, boolean transB, int m, int n, int k, float alpha,
             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
             float beta, float[] c, int cOff, int ldc) {
        this.m = m; this.n = n; this.k = k; this.alpha = alpha; this.beta = beta;
        this.a = a; this.aOff = aOff;
        this.aRowStride = transA ? 1 : lda;
        this.aColStride = transA ? lda : 1;
        this.b = b; this.bOff = bOff;
        this.bRowStride = transB ? 1 : ldb;
        this.bColStride = transB ? ldb : 1;
        this.c = c; this.cOff = cOff; this.ldc = ldc;
    }

    @Override
    public void run() {
        int tx = getLocalId(0), ty = getLocalId(1);
        int lid = ty * GROUP + tx;
        int row0 = getGroupId(1) * TILE, col0 = getGroupId(0) * TILE;
        int r = ty * 4, q = tx * 4;
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int t = 0; t < k; t += DEPTH) {
            for (int e = 0; e < TILE * DEPTH / (GROUP * GROUP); e++) {
                int idx = lid + e * GROUP * GROUP;
                int ar = row0 + idx / DEPTH, ap = t + idx % DEPTH;
                float av = 0f;
                if (ar < m && ap < k) av = a[aOff + ar * aRowStride + ap * aColStride];
                tileA[idx] = av;
                int bp = t + idx / TILE, bc = col0 + idx % TILE;
                float bv = 0f;
                if (bp < k && bc < n) bv = b[bOff + bp * bRowStride + bc * bColStride];
                tileB[idx] = bv;
            }
            localBarrier();
            for (int p = 0; p < DEPTH; p++) {
                float a0 = tileA[r * DEPTH + p], a1 = tileA[(r + 1) * DEPTH + p];
                float a2 = tileA[(r + 2) * DEPTH + p], a3 = tileA[(r + 3) * DEPTH + p];
                float b0 = tileB[p * TILE + q], b1 = tileB[p * TILE + q + 1];
                float b2 = tileB[p * TILE + q + 2], b3 = tileB[p * TILE + q + 3];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            localBarrier();
        }
        int i = row0 + r, j = col0 + q;
        store(i, j, c00); store(i, j + 1, c01); store(i, j + 2, c02); store(i, j + 3, c03);
        store(i + 1, j, c10); store(i + 1, j + 1, c11); store(i + 1, j + 2, c12); store(i + 1, j + 3, c13);
        store(i + 2, j, c20); store(i + 2, j + 1, c21); store(i + 2, j + 2, c22); store(i + 2, j + 3, c23);
        store(i + 3, j, c30); store(i + 3, j + 1, c31); store(i + 3, j + 2, c32); store(i + 3, j + 3, c33);
    }

    private void store(int row, int col, float sum) {
        if (row < m && col < n) {
            int at = cOff + row * ldc + col;
            if (beta == 0f) c[at] = alpha * sum;
            else c[at] = alpha * sum + beta * c[at];
        }
    }
}
