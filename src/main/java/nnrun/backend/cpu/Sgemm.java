package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM, C = alpha·op(A)·op(B) + beta·C over row-major buffers, in the
 * Goto/BLIS shape: B is packed KC×NC into NR-wide column panels, A into MR-tall row panels,
 * and an MR×NR register-blocked micro-kernel (FloatVector FMAs) sweeps the packed panels.
 * Transposes are absorbed by the packing, so no transposed copy is ever visible to callers.
 * The tile shape and block sizes are this CPU's ({@link GemmTuning}).
 *
 * <p>One instance owns its packing buffers and is used by one caller at a time. With a
 * {@link Parallel} pool a large product is cut into one slice of C per thread (of its rows or
 * its columns, whichever side is longer), each a serial product of its own; smaller ones share
 * each packed block's tiles between the threads; without a pool (or for small products) everything runs in the caller.
 */
public final class Sgemm {

    static final VectorSpecies<Float> SPECIES = MicroKernel.SPECIES;
    static final int LANES = MicroKernel.LANES;
    /** Most NR panels one tile spans; fewer when the product is small so both threads get work. */
    private static final int MAX_PANELS_PER_TILE = 8;

    /** The blocking in one line, for {@code nnrun devices} and {@code make bench}: which, and how it was chosen. */
    public static String parameters() { return GemmTuning.forThisCpu().toString(); }

    private final Parallel pool;
    private final GemmBlocking blocking;
    private final MicroKernel kernel;
    private final int mr, nr, kc, mc, nc;
    private final ScratchBuffer packedA = new ScratchBuffer(), packedB = new ScratchBuffer();
    private Sgemm[] slices;

    /** A GEMM that spreads large products over pool (null: strictly serial), blocked for this CPU. */
    public Sgemm(Parallel pool) {
        this(pool, GemmTuning.forThisCpu().blocking());
    }

    Sgemm(Parallel pool, GemmBlocking blocking) {
        this.pool = pool;
        this.blocking = blocking;
        this.kernel = blocking.kernel;
        this.mr = blocking.mr();
        this.nr = blocking.nr();
        this.kc = blocking.kc;
        this.mc = blocking.mc;
        this.nc = blocking.nc;
    }

    /** One serial GEMM per thread, each with its own packing buffers, made at the first large product. */
    private Sgemm[] slices(int parts) {
        if (slices == null || slices.length != parts) {
            slices = new Sgemm[parts];
            for (int t = 0; t < parts; t++) slices[t] = new Sgemm(null, blocking);
        }
        return slices;
    }

    /** Rows of C per micro-tile. */
    int tileRows() { return mr; }

    /** Columns of C per micro-tile. */
    int tileCols() { return nr; }

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
        if (!transA && transB && m <= RowDotProducts.MAX_ROWS) {
            // A sample or two (predict, the graph trace): packing all of B into panels for them
            // costs more than the product, whose micro-tiles would be mostly empty rows.
            Parallel.RangeBody columns = (from, to) -> RowDotProducts.rows(0, m, to - from, k, alpha,
                    a, aOff, lda, b, bOff + from * ldb, ldb, beta, c, cOff + from, ldc);
            if (pool == null) columns.run(0, n);
            else pool.forRange(ceilDiv(n, 4), 4L * m * k, (from, to) -> columns.run(4 * from, Math.min(n, 4 * to)));
            return;
        }
        // Below ~4M multiply-adds (128·128·256) the hand-offs cost more than the second core
        // gives: measured 181 GFLOP/s serial against 129 on 2 threads at 128³.
        boolean parallel = pool != null && pool.threads() > 1
                && (long) m * n * k >= 64 * Parallel.MIN_PARALLEL_WORK;
        int threads = pool == null ? 1 : pool.threads(), sliceMin = 4 * nr * threads;
        if (parallel && (n >= sliceMin || m >= sliceMin)) {
            // Each thread computes its own slice of C start to end, packing its own A and B: no
            // hand-off between packing and products, and the packed B stays in the L2 of the core
            // that packed it. Sharing every packed block between the threads (the path below) had
            // the 784->512 layer's x·Wᵀ at 162-181 GFLOP/s against 206-232 this way, the twelve
            // products of the four FCNN layers at a geometric mean of 201-217 against 235-259
            // (AMD EPYC, 2 threads, 4 alternating rounds). Every thread packs all of the operand
            // the slices share, about 8 multiply-adds' cost per element: slicing the longer side
            // of C, at least 4·NR long a thread, keeps that under ~6% of a slice. Many threads on a
            // small product share the packed blocks instead.
            boolean byRows = m > n;
            int unit = byRows ? mr : nr, units = ceilDiv(byRows ? m : n, unit), parts = threads;
            Sgemm[] own = slices(parts);
            pool.run(parts, t -> {
                int from = Parallel.chunkStart(units, parts, t) * unit;
                int to = Math.min(byRows ? m : n, Parallel.chunkStart(units, parts, t + 1) * unit);
                if (to <= from) return;
                if (byRows) own[t].gemm(transA, transB, to - from, n, k, alpha, a, aOff + (transA ? from : from * lda), lda,
                        b, bOff, ldb, beta, c, cOff + from * ldc, ldc);
                else own[t].gemm(transA, transB, m, to - from, k, alpha, a, aOff, lda,
                        b, bOff + (transB ? from * ldb : from), ldb, beta, c, cOff + from, ldc);
            });
            return;
        }
        int mPanels = ceilDiv(m, mr);
        // Equal depth blocks: 289 = 145 + 144 rather than 256 + 33, whose short block would
        // pay a full round of C loads and stores for a few FMAs.
        int depthStep = ceilDiv(k, ceilDiv(k, kc));
        for (int jc = 0; jc < n; jc += nc) {
            int ncb = Math.min(nc, n - jc);
            int nPanels = ceilDiv(ncb, nr);
            for (int pc = 0; pc < k; pc += depthStep) {
                int kcb = Math.min(depthStep, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                float[] pa = packedA.atLeast(mPanels * mr * kcb), pb = packedB.atLeast(nPanels * nr * kcb);
                int jcF = jc, pcF = pc;
                if (!parallel) {
                    packB(transB, b, bOff, ldb, pcF, kcb, jcF, ncb, 0, nPanels, pb);
                    packA(transA, a, aOff, lda, pcF, kcb, m, 0, mPanels, pa);
                    // An MC-row block of packed A stays in L2 while every B panel passes it.
                    for (int p0 = 0; p0 < mPanels; p0 += mc / mr)
                        macroKernel(kcb, pa, p0, Math.min(mPanels, p0 + mc / mr), pb, 0, nPanels, m, ncb,
                                alpha, blockBeta, c, cOff + jc, ldc);
                    continue;
                }
                // One hand-off packs both operands: each thread takes a share of A's and of B's panels.
                int parts = pool.threads();
                pool.run(parts, t -> {
                    packB(transB, b, bOff, ldb, pcF, kcb, jcF, ncb,
                            Parallel.chunkStart(nPanels, parts, t), Parallel.chunkStart(nPanels, parts, t + 1), pb);
                    packA(transA, a, aOff, lda, pcF, kcb, m,
                            Parallel.chunkStart(mPanels, parts, t), Parallel.chunkStart(mPanels, parts, t + 1), pa);
                });
                int mBlocks = ceilDiv(m, mc);
                int panelsPerTile = Math.max(1, Math.min(MAX_PANELS_PER_TILE,
                        ceilDiv(nPanels * mBlocks, 4 * pool.threads())));
                int nBlocks = ceilDiv(nPanels, panelsPerTile);
                int cBase = cOff + jc;
                pool.run(mBlocks * nBlocks, t -> {
                    int mb = t / nBlocks, nb = t % nBlocks;
                    int p0 = mb * (mc / mr), p1 = Math.min(mPanels, p0 + mc / mr);
                    int q0 = nb * panelsPerTile, q1 = Math.min(nPanels, q0 + panelsPerTile);
                    macroKernel(kcb, pa, p0, p1, pb, q0, q1, m, ncb, alpha, blockBeta, c, cBase, ldc);
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
    void packA(boolean transA, float[] a, int aOff, int lda, int pc, int kc, int m,
               int p0, int p1, float[] dst) {
        // A literal row count per call site: once inlined, C2 folds the panels' stride. Packing with
        // the stride in a field measured 2-11% slower products (AMD EPYC, 128³ the most).
        if (mr == 8) packA(8, transA, a, aOff, lda, pc, kc, m, p0, p1, dst);
        else if (mr == 6) packA(6, transA, a, aOff, lda, pc, kc, m, p0, p1, dst);
        else packA(mr, transA, a, aOff, lda, pc, kc, m, p0, p1, dst);
    }

    private static void packA(int mr, boolean transA, float[] a, int aOff, int lda, int pc, int kc, int m,
                              int p0, int p1, float[] dst) {
        for (int p = p0; p < p1; p++) {
            int i0 = p * mr, rows = Math.min(mr, m - i0), base = p * mr * kc;
            if (transA) {
                // op(A)(i, q) = A[q][i]: the MR values of one depth step are contiguous.
                for (int q = 0; q < kc; q++) {
                    int src = aOff + (pc + q) * lda + i0, d = base + q * mr;
                    for (int r = 0; r < rows; r++) dst[d + r] = a[src + r];
                    for (int r = rows; r < mr; r++) dst[d + r] = 0f;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + r) * lda + pc, d = base + r;
                    for (int q = 0; q < kc; q++) dst[d + q * mr] = a[src + q];
                }
                for (int r = rows; r < mr; r++)
                    for (int q = 0; q < kc; q++) dst[base + r + q * mr] = 0f;
            }
        }
    }

    /**
     * Packs columns [p0·NR, p1·NR) of the nc-wide block at jc of op(B), depths pc..pc+kc, into
     * NR-wide panels: panel p holds (q, j) at p·NR·kc + q·NR + (j - p·NR). Columns past nc are zero.
     */
    void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
               int p0, int p1, float[] dst) {
        // A literal panel width per call site, for the reason packA gives.
        if (nr == 2 * LANES) packB(2 * LANES, transB, b, bOff, ldb, pc, kc, jc, nc, p0, p1, dst);
        else packB(3 * LANES, transB, b, bOff, ldb, pc, kc, jc, nc, p0, p1, dst);
    }

    private static void packB(int nr, boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              int p0, int p1, float[] dst) {
        for (int p = p0; p < p1; p++) {
            int j0 = p * nr, cols = Math.min(nr, nc - j0), base = p * nr * kc;
            if (transB && cols == nr) {
                // op(B)(q, j) = B[j][q]: eight stored rows read in step, each depth step's eight
                // values written side by side.
                for (int j = 0; j < nr; j += 8)
                    transposeEightRows(b, bOff + (jc + j0 + j) * ldb + pc, ldb, kc, dst, base + j, nr);
            } else if (transB) {
                // Walk each stored row once, scattering into the panel (measured faster than
                // writing the panel in order from NR interleaved rows, or than gathering a column
                // of B per vector).
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (jc + j0 + j) * ldb + pc, d = base + j;
                    for (int q = 0; q < kc; q++) dst[d + q * nr] = b[src + q];
                }
                for (int j = cols; j < nr; j++)
                    for (int q = 0; q < kc; q++) dst[base + j + q * nr] = 0f;
            } else if (cols == nr) {
                // Two or three vector moves per depth step (every tile is 2 or 3 vectors wide): a loop over
                // the vectors measured 7-13% slower on the input-gradient products, System.arraycopy slower still.
                boolean third = nr == 3 * LANES;
                for (int q = 0; q < kc; q++) {
                    int src = bOff + (pc + q) * ldb + jc + j0, d = base + q * nr;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(dst, d);
                    FloatVector.fromArray(SPECIES, b, src + LANES).intoArray(dst, d + LANES);
                    if (third) FloatVector.fromArray(SPECIES, b, src + 2 * LANES).intoArray(dst, d + 2 * LANES);
                }
            } else {
                for (int q = 0; q < kc; q++) {
                    int src = bOff + (pc + q) * ldb + jc + j0, d = base + q * nr;
                    for (int j = 0; j < cols; j++) dst[d + j] = b[src + j];
                    for (int j = cols; j < nr; j++) dst[d + j] = 0f;
                }
            }
        }
    }

    /** Column q of the 8 × kc block at s (row pitch ld) goes to dst[d + q·pitch ..], 8 floats. */
    private static void transposeEightRows(float[] b, int s, int ld, int kc, float[] dst, int d, int pitch) {
        for (int q = 0; q < kc; q++, s++, d += pitch) {
            dst[d] = b[s];
            dst[d + 1] = b[s + ld];
            dst[d + 2] = b[s + 2 * ld];
            dst[d + 3] = b[s + 3 * ld];
            dst[d + 4] = b[s + 4 * ld];
            dst[d + 5] = b[s + 5 * ld];
            dst[d + 6] = b[s + 6 * ld];
            dst[d + 7] = b[s + 7 * ld];
        }
    }

    /** Sweeps A panels [ap0, ap1) against B panels [bp0, bp1): B micro-panel outer, so it stays in L1. */
    private void macroKernel(int kc, float[] pa, int ap0, int ap1, float[] pb, int bp0, int bp1,
                             int m, int nc, float alpha, float beta, float[] c, int cBase, int ldc) {
        for (int q = bp0; q < bp1; q++) {
            int j0 = q * nr, cols = Math.min(nr, nc - j0);
            for (int p = ap0; p < ap1; p++) {
                int i0 = p * mr, rows = Math.min(mr, m - i0);
                kernel.multiply(kc, pa, p * mr * kc, pb, q * nr * kc, rows, cols,
                        alpha, beta, c, cBase + i0 * ldc + j0, ldc);
            }
        }
    }

    private static int ceilDiv(int x, int y) { return (x + y - 1) / y; }
}
