package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * C = alpha·op(A)·op(B) + beta·C, one work-item per element of C, in TILE×TILE work-groups that
 * stage op(A) and op(B) tiles in local memory. Transposition is folded into two strides per
 * operand, so one kernel serves all four variants without branching.
 */
final class GemmKernel extends Kernel {
    static final int TILE = 16;

    float[] a = new float[1];
    float[] b = new float[1];
    float[] c = new float[1];
    int m, n, k;
    int aOff, aRowStride, aColStride;
    int bOff, bRowStride, bColStride;
    int cOff, ldc;
    float alpha, beta;

    @Local final float[] tileA = new float[TILE * TILE];
    @Local final float[] tileB = new float[TILE * TILE];

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
        int col = getGroupId(0) * TILE + tx;
        int row = getGroupId(1) * TILE + ty;
        float acc = 0f;
        for (int t = 0; t < k; t += TILE) {
            int ap = t + tx;
            int bp = t + ty;
            float av = 0f;
            if (row < m && ap < k) av = a[aOff + row * aRowStride + ap * aColStride];
            float bv = 0f;
            if (bp < k && col < n) bv = b[bOff + bp * bRowStride + col * bColStride];
            tileA[ty * TILE + tx] = av;
            tileB[ty * TILE + tx] = bv;
            localBarrier();
            for (int q = 0; q < TILE; q++) acc += tileA[ty * TILE + q] * tileB[q * TILE + tx];
            localBarrier();
        }
        if (row < m && col < n) {
            int ci = cOff + row * ldc + col;
            if (beta == 0f) c[ci] = alpha * acc;
            else c[ci] = alpha * acc + beta * c[ci];
        }
    }
}
