package nnrun.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times each candidate blocking on the products the reference configs spend their time in
 * (batch 128) and keeps the fastest: the micro-tile that suits one CPU's FMA ports, load ports
 * and registers (the 8×2-vector tile measured at about 70% of peak on an Intel Xeon where it
 * reaches more on the AMD EPYC it was written on) is found by measuring, not by a table of CPUs.
 *
 * <p>Serial, in the calling thread, so the second core's load does not decide it; candidates
 * take turns in every round, and each keeps its best time per product, so a burst of load from
 * elsewhere during one candidate's turn does not decide either. A challenger must beat the
 * shipped 8×2-vector tile by {@link #MARGIN}, so noise alone never moves a machine off it.
 */
final class GemmTrial {
    /** How much faster (in summed best times) a challenger must be to replace the first candidate. */
    static final double MARGIN = 0.03;

    /** One timed product: C (m×n) = op(A)·op(B) with depth k. */
    record Product(String name, boolean transA, boolean transB, int m, int n, int k) {
        double flops() { return 2.0 * m * n * k; }
    }

    /** The fully-connected layers' three products and two conv layers' per-image im2col products. */
    static final List<Product> PRODUCTS = List.of(
            new Product("linear 784->512 fwd", false, true, 128, 512, 784),
            new Product("linear 1024->512 bwd-input", false, false, 128, 1024, 512),
            new Product("linear 784->512 bwd-weight", true, false, 512, 784, 128),
            new Product("conv 64->64 16x16 fwd", false, false, 64, 256, 576),
            new Product("conv 32->32 32x32 fwd", false, false, 32, 1024, 288));

    /** The trial's verdict: the winner and every candidate's summed best time. */
    record Outcome(GemmBlocking chosen, List<String> candidates, double[] millis, long trialNanos) {
        String summary() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++)
                parts.add(candidates.get(i) + " " + String.format(Locale.ROOT, "%.2f ms", millis[i]));
            return String.join(", ", parts) + String.format(Locale.ROOT, " (%d products, trial %.1f s)",
                    PRODUCTS.size(), trialNanos / 1e9);
        }
    }

    private GemmTrial() {}

    /** Times the candidates (the first is the incumbent) for about rounds × candidates × products × sliceNanos. */
    static Outcome run(List<GemmBlocking> candidates, int rounds, long sliceNanos) {
        long start = System.nanoTime();
        int maxA = 0, maxB = 0, maxC = 0;
        for (Product p : PRODUCTS) {
            maxA = Math.max(maxA, p.m * p.k);
            maxB = Math.max(maxB, p.k * p.n);
            maxC = Math.max(maxC, p.m * p.n);
        }
        float[] a = randoms(maxA, 1), b = randoms(maxB, 2), c = new float[maxC];
        List<Sgemm> gemms = new ArrayList<>();
        for (GemmBlocking blocking : candidates) gemms.add(new Sgemm(null, blocking));
        double[][] best = new double[candidates.size()][PRODUCTS.size()];
        for (double[] row : best) java.util.Arrays.fill(row, Double.MAX_VALUE);
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT up and is not counted
            for (int i = 0; i < gemms.size(); i++) {
                for (int j = 0; j < PRODUCTS.size(); j++) {
                    double t = bestCall(gemms.get(i), PRODUCTS.get(j), a, b, c, sliceNanos);
                    if (round > 0) best[i][j] = Math.min(best[i][j], t);
                }
            }
        }
        double[] millis = new double[candidates.size()];
        for (int i = 0; i < millis.length; i++) for (double t : best[i]) millis[i] += t / 1e6;
        int winner = 0;
        for (int i = 1; i < millis.length; i++)
            if (millis[i] < millis[winner] && millis[i] < millis[0] * (1 - MARGIN)) winner = i;
        List<String> names = candidates.stream().map(GemmBlocking::spec).toList();
        return new Outcome(candidates.get(winner), names, millis, System.nanoTime() - start);
    }

    /** The fastest of the calls made in one slice of time (at least two), in nanoseconds. */
    private static double bestCall(Sgemm gemm, Product p, float[] a, float[] b, float[] c, long sliceNanos) {
        int lda = p.transA ? p.m : p.k, ldb = p.transB ? p.k : p.n;
        long sliceEnd = System.nanoTime() + sliceNanos, fastest = Long.MAX_VALUE;
        for (int call = 0; call < 2 || System.nanoTime() < sliceEnd; call++) {
            long t0 = System.nanoTime();
            gemm.gemm(p.transA, p.transB, p.m, p.n, p.k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, p.n);
            fastest = Math.min(fastest, System.nanoTime() - t0);
        }
        return fastest;
    }

    private static float[] randoms(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }
}
