package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;

/**
 * An 8×2-vector tile of C: 16 accumulators, 2 vector loads of packed B and 8 broadcasts of
 * packed A per depth step. Fits AVX-512's 32 registers with room to spare; the shape nnrun was first
 * tuned with (on an AMD EPYC) and the one the start-up trial must beat.
 */
final class MicroKernel8x2 implements MicroKernel {
    /** Each thread's landing place for a ragged or scaled tile's accumulators. */
    private static final ThreadLocal<float[]> SPILL = ThreadLocal.withInitial(() -> new float[8 * 2 * LANES]);

    @Override public int rows() { return 8; }

    @Override public int vectors() { return 2; }

    @Override
    public void multiply(int kc, float[] pa, int ai, float[] pb, int bi, int rows, int cols,
                         float alpha, float beta, float[] c, int ct, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES),
                c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00, c40 = c00,
                c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int nr = 2 * LANES, end = bi + kc * nr;
        for (; bi < end; bi += nr, ai += 8) {
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
        if (rows == 8 && cols == nr && alpha == 1f && beta == 0f) {
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
        if (rows == 8 && cols == nr && alpha == 1f && beta == 1f) {
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
        // inline forces it to box every accumulator, which measured 10x slower.
        float[] tile = SPILL.get();
        c00.intoArray(tile, 0); c01.intoArray(tile, LANES);
        c10.intoArray(tile, nr); c11.intoArray(tile, nr + LANES);
        c20.intoArray(tile, 2 * nr); c21.intoArray(tile, 2 * nr + LANES);
        c30.intoArray(tile, 3 * nr); c31.intoArray(tile, 3 * nr + LANES);
        c40.intoArray(tile, 4 * nr); c41.intoArray(tile, 4 * nr + LANES);
        c50.intoArray(tile, 5 * nr); c51.intoArray(tile, 5 * nr + LANES);
        c60.intoArray(tile, 6 * nr); c61.intoArray(tile, 6 * nr + LANES);
        c70.intoArray(tile, 7 * nr); c71.intoArray(tile, 7 * nr + LANES);
        MicroKernel.storeTile(tile, nr, rows, cols, alpha, beta, c, ct, ldc);
    }
}
