package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Whichever micro-tile the start-up trial picks, a product gives the same bits: every kernel sums
 * each element of C in the same order, so a run's numbers cannot depend on the CPU's verdict.
 */
class GemmMicroKernelsTest {
    private static final CpuCaches AMD_EPYC = new CpuCaches(48 * 1024, 1024 * 1024, "test");

    /**
     * m, n, k: ragged against every tile (8, 6 rows; 32, 48 columns), and deeper than one KC block;
     * one sample and three through a wide layer (no packing for A·Bᵀ: row dot products).
     */
    private static final int[][] SHAPES = {{1, 1, 1}, {7, 33, 5}, {13, 50, 385}, {128, 96, 784}, {37, 100, 1000},
            {1, 512, 784}, {3, 37, 33}};

    @Test
    void everyTileGivesTheSameBitsAsTheShippedOneAndMatchesDoublePrecisionSums() {
        Sgemm shipped = new Sgemm(null, GemmBlocking.derive(new MicroKernel8x2(), AMD_EPYC));
        for (MicroKernel kernel : GemmBlocking.all()) {
            Sgemm candidate = new Sgemm(null, GemmBlocking.derive(kernel, AMD_EPYC));
            for (int[] s : SHAPES)
                for (int variant = 0; variant < 4; variant++)
                    for (float beta : new float[] {0f, 1f, 0.5f}) {
                        boolean tA = (variant & 1) != 0, tB = (variant & 2) != 0;
                        String what = kernel.shape() + " " + s[0] + "x" + s[1] + "x" + s[2] + (tA ? " Aᵀ" : "") + (tB ? " Bᵀ" : "")
                                + " beta " + beta;
                        float[] expected = product(shipped, tA, tB, s, beta), got = product(candidate, tA, tB, s, beta);
                        assertArrayEquals(expected, got, what);
                        float[] exact = naive(tA, tB, s, beta);
                        for (int i = 0; i < exact.length; i++)
                            assertEquals(exact[i], got[i], 1e-5f * (1 + s[2]), what + " at " + i);
                    }
        }
    }

    @Test
    void twoThreadsGiveTheSameBitsAsOne() {
        Parallel pool = new Parallel(2);
        for (MicroKernel kernel : GemmBlocking.all()) {
            GemmBlocking blocking = GemmBlocking.derive(kernel, AMD_EPYC);
            // Over the size where the GEMM starts to share its work: a wide product is cut into
            // column slices (300 columns: a ragged last panel), a tall one into row slices (603
            // rows: a ragged last panel), a smaller one shares its packed blocks.
            for (int[] big : new int[][] {{256, 300, 500}, {603, 40, 400}, {200, 200, 200}})
                for (int variant = 0; variant < 4; variant++) {
                    boolean tA = (variant & 1) != 0, tB = (variant & 2) != 0;
                    assertArrayEquals(product(new Sgemm(null, blocking), tA, tB, big, 0.5f),
                            product(new Sgemm(pool, blocking), tA, tB, big, 0.5f),
                            kernel.shape() + " " + big[0] + "x" + big[1] + "x" + big[2] + (tA ? " Aᵀ" : "") + (tB ? " Bᵀ" : ""));
                }
            int[] oneSample = {1, 4001, 784}; // its columns shared out instead of its rows
            assertArrayEquals(product(new Sgemm(null, blocking), false, true, oneSample, 0.5f),
                    product(new Sgemm(pool, blocking), false, true, oneSample, 0.5f), kernel.shape());
        }
    }

    /** C (with a row stride wider than n, and garbage in the gap) = 1.5·op(A)·op(B) + beta·C. */
    private static float[] product(Sgemm gemm, boolean tA, boolean tB, int[] s, float beta) {
        int m = s[0], n = s[1], k = s[2], ldc = n + 3;
        float[] a = randoms(m * k + 5, 1), b = randoms(k * n + 2, 2), c = randoms(m * ldc, 3);
        gemm.gemm(tA, tB, m, n, k, 1.5f, a, 5, tA ? m : k, b, 2, tB ? k : n, beta, c, 0, ldc);
        return c;
    }

    private static float[] naive(boolean tA, boolean tB, int[] s, float beta) {
        int m = s[0], n = s[1], k = s[2], ldc = n + 3, lda = tA ? m : k, ldb = tB ? k : n;
        float[] a = randoms(m * k + 5, 1), b = randoms(k * n + 2, 2), c = randoms(m * ldc, 3);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int q = 0; q < k; q++)
                    sum += (double) a[5 + (tA ? q * lda + i : i * lda + q)] * b[2 + (tB ? j * ldb + q : q * ldb + j)];
                c[i * ldc + j] = (float) (1.5 * sum + (beta == 0f ? 0 : beta * c[i * ldc + j]));
            }
        return c;
    }

    private static float[] randoms(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }
}
