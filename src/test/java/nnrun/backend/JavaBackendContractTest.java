package nnrun.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import nnrun.backend.cpu.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on {@link JavaBackend}, to its tight bounds, and the shapes that reach its
 * own fast paths: packed GEMM tiles and depth blocks split over threads, the few-column dot
 * products, the shifted-plane convolutions, 2×2 pooling 16 windows at a time, work split over an
 * odd thread count.
 *
 * <p>Agreement: anything that sums k products (gemm, conv, pooling, sums) is within
 * |java − reference| ≤ (k + 2)·2⁻²³·scale, where scale is the same computation on absolute values
 * (Σ|a|·|b|, the standard forward-error bound of a float dot product of length k). Elementwise
 * operations, softmax and SGD agree bit for bit, here also on ±0, ±∞, NaN and negative logarithms.
 */
class JavaBackendContractTest extends BackendContract {

    private static final double EPS = Math.ulp(1f);

    private final Backend java = new JavaBackend();

    @Override
    protected Backend backend() { return java; }

    @Override
    protected Agreement agreement() { return TIGHT; }

    static final Agreement TIGHT = new Agreement() {
        @Override
        public void sum(String what, float want, float got, float scale, int k) {
            double tol = (k + 2) * EPS * scale + 1e-30;
            if (!(Math.abs(got - want) <= tol)) fail(what + ": expected " + want + " but got " + got + " (tolerance " + tol + ")");
        }

        @Override
        public void exact(String what, float want, float got) {
            if (Float.compare(want, got) != 0) fail(what + ": expected " + want + " but got " + got + " (bit for bit)");
        }

        @Override
        public void fused(String what, float want, float got) {
            double tol = 1e-6 * (1 + Math.abs(want));
            if (!(Math.abs(got - want) <= tol)) fail(what + ": expected " + want + " but got " + got + " (tolerance " + tol + ")");
        }

        @Override
        public void doubleSum(String what, double want, double got, int terms) {
            double tol = 1e-5 * terms;
            if (!(Math.abs(got - want) <= tol)) fail(what + ": expected " + want + " but got " + got + " (tolerance " + tol + ")");
        }
    };

    // ---------------------------------------------------------------- gemm

    @Test
    void gemmMatchesReferenceOnShapesThatSplitOverThreadsAndDepthBlocks() {
        // 130×257×520 crosses the 128-row tile, a partial 32-wide panel and two depth blocks.
        for (int flags = 0; flags < 4; flags++)
            checkGemm(flags >= 2, (flags & 1) == 1, 130, 257, 520, 1f, 0.5f, 3, 2);
        // Wider than one 4096-column packed block of B.
        checkGemm(false, false, 3, 4100, 5, 1f, 1f, 0, 0);
    }

    @Test
    void gemmWithFewOutputColumnsTakesTheUnpackedDotProductsAndAgrees() {
        // A·Bᵀ with at most 16 columns (a classifier's logits): odd rows, a ragged 4-column group,
        // depths with and without a whole-vector tail, offsets, padded rows, alpha and beta.
        for (int n : new int[] {1, 4, 10, 16})
            for (int m : new int[] {1, 2, 129})
                for (int k : new int[] {5, 16, 3075})
                    checkGemm(false, true, m, n, k, -0.75f, 0.5f, 3, 2);
        checkGemm(false, true, 128, 10, 3072, 1f, 0f, 0, 0);
    }

    @Test
    void gemmRejectsALeadingDimensionNarrowerThanTheRow() {
        float[] a = new float[12], b = new float[12], c = new float[9];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> java.gemm(false, false, 3, 3, 4, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 3));
        assertTrue(e.getMessage().contains("leading dimension of A is 3"), e.getMessage());
    }

    // ---------------------------------------------------------------- convolution

    @Test
    void convolutionFastPathsMatchReferenceOnTheirEdges() {
        // Unit strides take the shifted-plane kernels; these shapes put their overlapping last
        // channel panel, pixel tile, tap group and pixel vector on every edge.
        //                         n  c  h   w  oc kh kw sh sw ph pw dh dw
        checkConv(new ConvGeometry(3, 1, 28, 28, 32, 3, 3, 1, 1, 1, 1, 1, 1)); // MNIST conv1
        checkConv(new ConvGeometry(1, 3, 32, 32, 32, 3, 3, 1, 1, 1, 1, 1, 1)); // CIFAR conv1, batch 1
        checkConv(new ConvGeometry(2, 5, 9, 7, 11, 3, 3, 1, 1, 1, 1, 1, 1));   // 63 pixels, 11 channels
        checkConv(new ConvGeometry(2, 1, 6, 5, 9, 2, 2, 1, 1, 1, 1, 1, 1));    // 4 taps: tap groups overlap
        checkConv(new ConvGeometry(2, 3, 9, 12, 8, 3, 3, 1, 1, 0, 0, 1, 1));   // output rows narrower than input
        checkConv(new ConvGeometry(2, 4, 10, 9, 9, 3, 3, 1, 1, 2, 2, 2, 2));   // dilation 2
        checkConv(new ConvGeometry(2, 2, 8, 8, 10, 2, 4, 1, 1, 1, 2, 1, 1));   // asymmetric kernel
        checkConv(new ConvGeometry(2, 3, 7, 6, 12, 3, 3, 1, 1, 3, 2, 1, 1));   // padding beyond the kernel's reach
        checkConv(new ConvGeometry(2, 8, 7, 9, 33, 3, 3, 1, 1, 1, 1, 1, 1));   // 33 channels: channel panels overlap
        checkConv(new ConvGeometry(2, 3, 7, 9, 40, 5, 5, 1, 1, 2, 2, 1, 1));   // 75 taps, 5×5
        checkConv(new ConvGeometry(3, 32, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1)); // MNIST conv2, odd batch
        checkConv(new ConvGeometry(2, 64, 16, 16, 64, 3, 3, 1, 1, 1, 1, 1, 1)); // CIFAR conv4
        checkConv(new ConvGeometry(2, 2, 9, 9, 7, 3, 3, 1, 1, 1, 1, 1, 1));   // one weight-gradient tile exactly
        checkConv(new ConvGeometry(2, 8, 6, 6, 9, 1, 1, 1, 1, 0, 0, 1, 1));    // 1×1: 8 taps, groups of 3 overlap
        checkConv(new ConvGeometry(2, 80, 5, 7, 33, 1, 1, 1, 1, 0, 0, 1, 1));  // 1×1 with 80 taps: channel-vector
        // 16 vector registers (AVX2, NarrowVectorConvolutionTest) take 5-channel forward panels:
        // 6 and 7 channels overlap two of them, 11 three; elsewhere these take the fallback.
        checkConv(new ConvGeometry(2, 2, 9, 9, 6, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(2, 3, 8, 8, 7, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(2, 3, 10, 10, 11, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(2, 3, 8, 8, 5, 1, 1, 1, 1, 0, 0, 1, 1));   // 5 channels, 3 taps
        checkConv(new ConvGeometry(2, 81, 5, 7, 20, 1, 1, 1, 1, 0, 0, 1, 1)); // 81 taps: tap panels of 5 overlap
        // Too few pixels or channels for a whole tile: the im2col + GEMM fallback.
        checkConv(new ConvGeometry(2, 4, 5, 5, 8, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(2, 4, 3, 4, 9, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(2, 2, 9, 9, 4, 3, 3, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void convolutionSplitsBatchesUnevenlyOverThreeThreads() {
        Backend threeThreads = new JavaBackend(new Parallel(3));
        for (ConvGeometry g : new ConvGeometry[] {
                new ConvGeometry(7, 8, 12, 12, 16, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(7, 8, 12, 12, 32, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(7, 8, 12, 12, 16, 3, 3, 2, 2, 1, 1, 1, 1)})
            checkConv(threeThreads, g);
    }

    // ---------------------------------------------------------------- pooling

    @Test
    void poolingOfLargeBatchesAndEvenWindowsAgreesAndNaNWins() {
        PoolGeometry[] shapes = {
                new PoolGeometry(128, 32, 28, 28, 2, 2, 2, 2, 0, 0),
                // 2×2 windows, 16 at a time: rows of 7, 8, 16 and 33 outputs, odd sizes, the array's end
                new PoolGeometry(3, 4, 14, 14, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 3, 16, 16, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 3, 32, 32, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(1, 2, 67, 66, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(3, 1, 35, 33, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 4, 9, 7, 3, 2, 1, 3, 1, 1)};
        for (PoolGeometry g : shapes) {
            // Ties and NaNs in the windows: the first of equal maxima wins, and so does NaN.
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = random.nextInt(12) == 0 ? Float.NaN : random.nextInt(5) - 2;
            checkPooling(g, x);
        }
    }

    // ---------------------------------------------------------------- elementwise

    /** Random values with the awkward ones mixed in: ±0, ±∞, NaN, negatives for log and sqrt. */
    private float[] awkward(int n) {
        float[] x = randoms(n);
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -50f, 50f};
        for (int i = 0; i < n; i += 7) x[i] = special[(i / 7) % special.length];
        return x;
    }

    @Test
    void elementwiseOperationsAgreeBitForBitOnAwkwardValuesOverThreads() {
        for (int n : new int[] {1, 129, 100_003}) {
            float[] x = awkward(n), b = randoms(n);
            for (int i = 0; i < n; i += 5) b[i] = -x[i];
            for (Unary op : Unary.values()) {
                float[] got = new float[n], want = new float[n];
                java.unary(op, x, got, n);
                reference.unary(op, x, want, n);
                assertArrayEquals(want, got, op + " over " + n);
            }
            for (Binary op : Binary.values()) {
                float[] got = new float[n], want = new float[n];
                java.binary(op, x, b, got, n);
                reference.binary(op, x, b, want, n);
                assertArrayEquals(want, got, op + " over " + n);
            }
        }
        // A bias add the size of a training step: 128×1024 plus a 1024 row, split over threads.
        float[] x = randoms(128 * 1024), bias = randoms(1024), got = new float[x.length], want = new float[x.length];
        java.binaryStrided(Binary.ADD, x, new int[] {1024, 1}, bias, new int[] {0, 1}, got, new int[] {128, 1024});
        reference.binaryStrided(Binary.ADD, x, new int[] {1024, 1}, bias, new int[] {0, 1}, want, new int[] {128, 1024});
        assertArrayEquals(want, got, "bias add 128×1024");
    }

    @Test
    void largeReductionsAgreeOverThreads() {
        for (int[] s : new int[][] {{2, 5, 40_000}, {1000, 300, 1}}) {
            int outer = s[0], len = s[1], inner = s[2];
            float[] x = randoms(outer * len * inner), got = new float[outer * inner], want = new float[outer * inner];
            float[] scale = new float[outer * inner];
            java.sumAxis(x, outer, len, inner, got);
            reference.sumAxis(x, outer, len, inner, want);
            reference.sumAxis(abs(x), outer, len, inner, scale);
            assertAllSums(want, got, scale, len, "sumAxis " + Arrays.toString(s));
        }
        int n = 128, c = 32, sp = 1024;
        float[] x = randoms(n * c * sp), t = randoms(n * c * sp);
        double[] sum = new double[c], dot = new double[c], sumRef = new double[c], dotRef = new double[c];
        java.channelSums(x, t, n, c, sp, sum, dot);
        reference.channelSums(x, t, n, c, sp, sumRef, dotRef);
        for (int ch = 0; ch < c; ch++) {
            TIGHT.doubleSum("channel sum " + ch, sumRef[ch], sum[ch], n * sp);
            TIGHT.doubleSum("channel dot " + ch, dotRef[ch], dot[ch], n * sp);
        }
    }

    @Test
    void softmaxCrossEntropyOfALargeBatchAgreesBitForBit() {
        int rows = 4096, classes = 100;
        float[] logits = randoms(rows * classes);
        for (int i = 0; i < logits.length; i += 11) logits[i] *= 80f;
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = random.nextInt(classes);
        float[] p = new float[rows * classes], pRef = new float[rows * classes];
        double loss = java.softmaxCrossEntropy(logits, labels, rows, classes, p);
        double lossRef = reference.softmaxCrossEntropy(logits, labels, rows, classes, pRef);
        assertEquals(lossRef, loss, 0.0, "loss");
        assertArrayEquals(pRef, p, "probabilities");
    }

    @Test
    void softmaxCrossEntropyNamesTheRowWithABadLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> java.softmaxCrossEntropy(new float[6], new int[] {0, 3}, 2, 3, new float[6]));
        assertEquals("label 3 of row 1 is outside the 3 classes [0, 2]", e.getMessage());
    }
}
