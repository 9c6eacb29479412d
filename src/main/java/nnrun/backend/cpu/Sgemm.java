package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM, C = alpha·op(A)·op(B) + beta·C over row-major buffers, in the
 * Goto/BLIS shape: B is packed KC×NC into NR-wide column panels, A into MR-tall row panels,
 * and an MR×NR register-blocked micro-kernel (FloatVector FMAs) sweeps the packed panels.
 * Transposes are absorbed by the packing, so no transposed copy is ever visible to callers.
 *
 * <p>One instance owns its packing buffers and is used by one caller at a time. With a
 * {@link Parallel} pool the tiles of each packed block are spread over the threads; without
 * one (or for small products) everything runs in the caller.
 */
public final class Sgemm {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Micro-tile: 8 rows × 2 vectors = 16 accumulators, which fits AVX-512's 32 registers. */
    static final int MR = 8;
    static final int NR = 2 * LANES;
    /**
     * Depth of a packed block. 384 measured a few percent better than 256 or 512 here (serial
     * 1024³ and the 64→64 conv layer), and covers a 3×3 conv over 32 channels (depth 289) in one block.
     */
    static final int KC = 384;
    /** Rows of A per tile: an MC×KC block of packed A (192 KiB) stays in L2. */
    static final int MC = 128;
    /** Columns of B packed at once (KC×NC floats = 6 MiB, shared by all threads in L3). */
    static final int NC = 4096;
    /** Most NR panels one tile spans; fewer when the product is small so both threads get work. */
    private static final int MAX_PANELS_PER_TILE = 8;

    /**
     * The blocking in one line, for {@code nnrun devices} and {@code make bench}. The sizes are
     * constants tuned on an AMD EPYC (docs/backend-java.md), not chosen for the CPU this runs on.
     */
    public static String parameters() {
        return "micro-tile " + MR + "x" + NR + " (" + LANES + " lanes), blocks KC " + KC + ", MC " + MC + ", NC " + NC
                + " (fixed sizes, tuned on an AMD EPYC; not chosen for this CPU)";
    }

    /** Each thread's landing place for one micro-tile of accumulators. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private final Parallel pool;
    private final ScratchBuffer packedA = new ScratchBuffer(), packedB = new ScratchBuffer();

    /** A GEMM that spreads large products over pool; pass null for a strictly serial one. */
    public Sgemm(Parallel pool) {
        this.pool = pool;
    }

    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0 || alpha == 0f) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        if (!transA && transB && n <= RowDotProducts.MAX_COLUMNS) {
            // Few output columns (a classifier's logits): dot products of the stored rows, no packing.
            Parallel.RangeBody rows = (from, to) -> RowDotProducts.rows(from, to, n, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            if (pool == null) rows.run(0, m);
            else pool.forRange(ceilDiv(m, 2), 2L * n * k, (from, to) -> rows.run(2 * from, Math.min(m, 2 * to)));
            return;
        }
        // Below ~4M multiply-adds (128·128·256) the hand-offs cost more than the second core
        // gives: measured 181 GFLOP/s serial against 129 on 2 threads at 128³.
        boolean parallel = pool != null && pool.threads() > 1
                && (long) m * n * k >= 64 * Parallel.MIN_PARALLEL_WORK;
        int mPanels = ceilDiv(m, MR);
        // Equal depth blocks: 289 = 145 + 144 rather than 256 + 33, whose short block would
        // pay a full round of C loads and stores for a few FMAs.
        int depthStep = ceilDiv(k, ceilDiv(k, KC));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int nPanels = ceilDiv(nc, NR);
            for (int pc = 0; pc < k; pc += depthStep) {
                int kc = Math.min(depthStep, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                float[] pa = packedA.atLeast(mPanels * MR * kc), pb = packedB.atLeast(nPanels * NR * kc);
                int jcF = jc, pcF = pc;
                if (!parallel) {
                    packB(transB, b, bOff, ldb, pcF, kc, jcF, nc, 0, nPanels, pb);
                    packA(transA, a, aOff, lda, pcF, kc, m, 0, mPanels, pa);
                    macroKernel(kc, pa, 0, mPanels, pb, 0, nPanels, m, nc,
                            alpha, blockBeta, c, cOff + jc, ldc);
                    continue;
                }
                // One hand-off packs both operands: each thread takes a share of A's and of B's panels.
                int parts = pool.threads();
                pool.run(parts, t -> {
                    packB(transB, b, bOff, ldb, pcF, kc, jcF, nc,
                            Parallel.chunkStart(nPanels, parts, t), Parallel.chunkStart(nPanels, parts, t + 1), pb);
                    packA(transA, a, aOff, lda, pcF, kc, m,
                            Parallel.chunkStart(mPanels, parts, t), Parallel.chunkStart(mPanels, parts, t + 1), pa);
                });
                int mBlocks = ceilDiv(m, MC);
                int panelsPerTile = Math.max(1, Math.min(MAX_PANELS_PER_TILE,
                        ceilDiv(nPanels * mBlocks, 4 * pool.threads())));
                int nBlocks = ceilDiv(nPanels, panelsPerTile);
                int cBase = cOff + jc;
                pool.run(mBlocks * nBlocks, t -> {
                    int mb = t / nBlocks, nb = t % nBlocks;
                    int p0 = mb * (MC / MR), p1 = Math.min(mPanels, p0 + MC / MR);
                    int q0 = nb * panelsPerTile, q1 = Math.min(nPanels, q0 + panelsPerTile);
                    macroKernel(kc, pa, p0, p1, pb, q0, q1, m, nc, alpha, blockBeta, c, cBase, ldc);
                });
            }
        }
    }

    /** The corner case without products: C = beta·C (beta == 0 clears, even NaN). */
    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) java.util.Arrays.fill(c, row, row + n, 0f);
            else if (beta != 1f) for (int j = 0; j < n; j++) c[row + j] *= beta;
        }
    }

    /**
     * Packs rows [p0·MR, p1·MR) of op(A)'s columns pc..pc+kc into MR-tall panels:
     * panel p holds element (i, q) at p·MR·kc + q·MR + (i - p·MR). Rows past m are zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int pc, int kc, int m,
                      int p0, int p1, float[] dst) {
        for (int p = p0; p < p1; p++) {
            int i0 = p * MR, rows = Math.min(MR, m - i0), base = p * MR * kc;
            if (transA) {
                // op(A)(i, q) = A[q][i]: the MR values of one depth step are contiguous.
                for (int q = 0; q < kc; q++) {
                    int src = aOff + (pc + q) * lda + i0, d = base + q * MR;
                    for (int r = 0; r < rows; r++) dst[d + r] = a[src + r];
                    for (int r = rows; r < MR; r++) dst[d + r] = 0f;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + r) * lda + pc, d = base + r;
                    for (int q = 0; q < kc; q++) dst[d + q * MR] = a[src + q];
                }
                for (int r = rows; r < MR; r++)
                    for (int q = 0; q < kc; q++) dst[base + r + q * MR] = 0f;
            }
        }
    }

    /**
     * Packs columns [p0·NR, p1·NR) of the nc-wide block at jc of op(B), depths pc..pc+kc, into
     * NR-wide panels: panel p holds (q, j) at p·NR·kc + q·NR + (j - p·NR). Columns past nc are zero.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                      int p0, int p1, float[] dst) {
        for (int p = p0; p < p1; p++) {
            int j0 = p * NR, cols = Math.min(NR, nc - j0), base = p * NR * kc;
            if (transB && cols == NR && StripTranspose.SUPPORTED) {
                // op(B)(q, j) = B[j][q]: the panel's NR stored rows, 16 at a time, transposed in registers.
                for (int half = 0; half < NR; half += StripTranspose.ROWS)
                    StripTranspose.transpose(b, bOff + (jc + j0 + half) * ldb + pc, ldb, kc, dst, base + half, NR);
            } else if (transB) {
                // Walk each stored row once, scattering into the panel (measured faster than
                // writing the panel in order from NR interleaved rows, or than gathering a column
                // of B per vector).
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + j0 + j) * ldb + pc, d = base + j;
                    for (int q = 0; q < kc; q++) dst[d + q * NR] = b[src + q];
                }
                for (int j = cols; j < NR; j++)
                    for (int q = 0; q < kc; q++) dst[base + j + q * NR] = 0f;
            } else if (cols == NR) {
                // Two vector moves per depth step; System.arraycopy costs more than that at 32 floats.
                for (int q = 0; q < kc; q++) {
                    int src = bOff + (pc + q) * ldb + jc + j0, d = base + q * NR;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(dst, d);
                    FloatVector.fromArray(SPECIES, b, src + LANES).intoArray(dst, d + LANES);
                }
            } else {
                for (int q = 0; q < kc; q++) {
                    int src = bOff + (pc + q) * ldb + jc + j0, d = base + q * NR;
                    for (int j = 0; j < cols; j++) dst[d + j] = b[src + j];
                    for (int j = cols; j < NR; j++) dst[d + j] = 0f;
                }
            }
        }
    }

    /** Sweeps A panels [ap0, ap1) against B panels [bp0, bp1): B micro-panel outer, so it stays in L1. */
    private static void macroKernel(int kc, float[] pa, int ap0, int ap1, float[] pb, int bp0, int bp1,
                                    int m, int nc, float alpha, float beta, float[] c, int cBase, int ldc) {
        for (int q = bp0; q < bp1; q++) {
            int j0 = q * NR, cols = Math.min(NR, nc - j0);
            for (int p = ap0; p < ap1; p++) {
                int i0 = p * MR, rows = Math.min(MR, m - i0);
                microKernel(kc, pa, p * MR * kc, pb, q * NR * kc, rows, cols,
                        alpha, beta, c, cBase + i0 * ldc + j0, ldc);
            }
        }
    }

    /** One MR×NR tile of C from one A panel and one B panel, all 16 accumulators in registers. */
    private static void microKernel(int kc, float[] pa, int ai, float[] pb, int bi, int rows, int cols,
                                    float alpha, float beta, float[] c, int ct, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00,
                c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00,
                c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int end = bi + kc * NR;
        for (; bi < end; bi += NR, ai += MR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, pa[ai + 6]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, pa[ai + 7]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        if (rows == MR && cols == NR && alpha == 1f && beta == 0f) {
            // The common whole tile goes straight to C: shallow products (conv with few input
            // channels has k = 9 or 27) would otherwise spend more on the tile round trip than on FMAs.
            int r1 = ct + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
            c00.intoArray(c, ct); c01.intoArray(c, ct + LANES);
            c10.intoArray(c, r1); c11.intoArray(c, r1 + LANES);
            c20.intoArray(c, r2); c21.intoArray(c, r2 + LANES);
            c30.intoArray(c, r3); c31.intoArray(c, r3 + LANES);
            c40.intoArray(c, r4); c41.intoArray(c, r4 + LANES);
            c50.intoArray(c, r5); c51.intoArray(c, r5 + LANES);
            c60.intoArray(c, r6); c61.intoArray(c, r6 + LANES);
            c70.intoArray(c, r7); c71.intoArray(c, r7 + LANES);
            return;
        }
        if (rows == MR && cols == NR && alpha == 1f && beta == 1f) {
            int r1 = ct + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
            c00.add(FloatVector.fromArray(SPECIES, c, ct)).intoArray(c, ct);
            c01.add(FloatVector.fromArray(SPECIES, c, ct + LANES)).intoArray(c, ct + LANES);
            c10.add(FloatVector.fromArray(SPECIES, c, r1)).intoArray(c, r1);
            c11.add(FloatVector.fromArray(SPECIES, c, r1 + LANES)).intoArray(c, r1 + LANES);
            c20.add(FloatVector.fromArray(SPECIES, c, r2)).intoArray(c, r2);
            c21.add(FloatVector.fromArray(SPECIES, c, r2 + LANES)).intoArray(c, r2 + LANES);
            c30.add(FloatVector.fromArray(SPECIES, c, r3)).intoArray(c, r3);
            c31.add(FloatVector.fromArray(SPECIES, c, r3 + LANES)).intoArray(c, r3 + LANES);
            c40.add(FloatVector.fromArray(SPECIES, c, r4)).intoArray(c, r4);
            c41.add(FloatVector.fromArray(SPECIES, c, r4 + LANES)).intoArray(c, r4 + LANES);
            c50.add(FloatVector.fromArray(SPECIES, c, r5)).intoArray(c, r5);
            c51.add(FloatVector.fromArray(SPECIES, c, r5 + LANES)).intoArray(c, r5 + LANES);
            c60.add(FloatVector.fromArray(SPECIES, c, r6)).intoArray(c, r6);
            c61.add(FloatVector.fromArray(SPECIES, c, r6 + LANES)).intoArray(c, r6 + LANES);
            c70.add(FloatVector.fromArray(SPECIES, c, r7)).intoArray(c, r7);
            c71.add(FloatVector.fromArray(SPECIES, c, r7 + LANES)).intoArray(c, r7 + LANES);
            return;
        }
        // Spill through a tile rather than pass vectors to a helper: a helper C2 declines to
        // inline forces it to box all 16 accumulators, which measured 10x slower.
        float[] tile = TILE.get();
        c00.intoArray(tile, 0); c01.intoArray(tile, LANES);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + LANES);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + LANES);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + LANES);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + LANES);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + LANES);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + LANES);
        storeTile(tile, rows, cols, alpha, beta, c, ct, ldc);
    }

    /**
     * C tile = alpha·tile + beta·C over its first rows×cols. Whole vectors where they fit, a
     * scalar loop for the ragged right edge: JDK 17 runs masked vector loads and stores through
     * a slow fallback (measured 10x slower on narrow products). Both compute alpha·t + beta·c
     * with the same two roundings.
     */
    private static void storeTile(float[] tile, int rows, int cols, float alpha, float beta,
                                  float[] c, int ct, int ldc) {
        int whole = cols - cols % LANES;
        for (int r = 0; r < rows; r++) {
            int at = ct + r * ldc, t = r * NR;
            if (beta == 0f) {
                for (int j = 0; j < whole; j += LANES)
                    FloatVector.fromArray(SPECIES, tile, t + j).mul(alpha).intoArray(c, at + j);
                for (int j = whole; j < cols; j++) c[at + j] = alpha * tile[t + j];
            } else {
                for (int j = 0; j < whole; j += LANES)
                    FloatVector.fromArray(SPECIES, tile, t + j).mul(alpha)
                            .add(FloatVector.fromArray(SPECIES, c, at + j).mul(beta)).intoArray(c, at + j);
                for (int j = whole; j < cols; j++) c[at + j] = alpha * tile[t + j] + beta * c[at + j];
            }
        }
    }

    private static int ceilDiv(int x, int y) { return (x + y - 1) / y; }
}
