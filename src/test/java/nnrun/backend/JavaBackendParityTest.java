package nnrun.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import nnrun.backend.cpu.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Every JavaBackend kernel against ReferenceBackend on the same random inputs.
 *
 * <p>Tolerance for anything that sums k products (gemm, conv): |java − reference| ≤
 * (k + 2)·2⁻²³·scale, where scale is the same computation on absolute values (Σ|a|·|b|, the
 * standard forward-error bound of a float dot product of length k). Exact operations and the
 * scalar transcendentals must agree bit for bit; float sums (sumAxis, average pooling) get the
 * same (len + 2)·2⁻²³ bound.
 */
class JavaBackendParityTest {

    private static final double EPS = Math.ulp(1f);
    private static final int[] ODD_SIZES = {1, 3, 17, 129};

    private final Backend java = new JavaBackend();
    private final ReferenceBackend reference = new ReferenceBackend();
    private final Random random = new Random(20261122);

    // ---------------------------------------------------------------- gemm

    @Test
    void gemmMatchesReferenceOnOddSizesForEveryTransposeAndBeta() {
        for (int m : ODD_SIZES)
            for (int n : ODD_SIZES)
                for (int k : ODD_SIZES)
                    for (int flags = 0; flags < 4; flags++)
                        for (float beta : new float[] {0f, 1f, 0.5f})
                            checkGemm(flags >= 2, (flags & 1) == 1, m, n, k, 1f, beta, 0, 0);
    }

    @Test
    void gemmHonoursOffsetsLeadingDimensionsAndAlpha() {
        for (int flags = 0; flags < 4; flags++) {
            checkGemm(flags >= 2, (flags & 1) == 1, 17, 33, 19, -0.75f, 0.5f, 5, 7);
            checkGemm(flags >= 2, (flags & 1) == 1, 9, 40, 300, 2f, 0f, 1, 3);
        }
    }

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
    void gemmWithBetaZeroIgnoresNaNInC() {
        float[] a = randoms(6 * 4), b = randoms(4 * 5), c = new float[6 * 5];
        Arrays.fill(c, Float.NaN);
        java.gemm(false, false, 6, 5, 4, 1f, a, 0, 4, b, 0, 5, 0f, c, 0, 5);
        for (float v : c) assertTrue(Float.isFinite(v), "beta = 0 must overwrite NaN in C, got " + v);
    }

    @Test
    void gemmRejectsALeadingDimensionNarrowerThanTheRow() {
        float[] a = new float[12], b = new float[12], c = new float[9];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> java.gemm(false, false, 3, 3, 4, 1f, a, 0, 3, b, 0, 3, 0f, c, 0, 3));
        assertTrue(e.getMessage().contains("leading dimension of A is 3"), e.getMessage());
    }

    private void checkGemm(boolean tA, boolean tB, int m, int n, int k, float alpha, float beta,
                           int offset, int ldPad) {
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + ldPad, ldb = bCols + ldPad, ldc = n + ldPad;
        float[] a = randoms(offset + aRows * lda), b = randoms(offset + bRows * ldb), c0 = randoms(offset + m * ldc);
        float[] got = c0.clone(), want = c0.clone();
        java.gemm(tA, tB, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, got, offset, ldc);
        reference.gemm(tA, tB, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, want, offset, ldc);
        float[] scale = abs(c0);
        reference.gemm(tA, tB, m, n, k, Math.abs(alpha), abs(a), offset, lda, abs(b), offset, ldb,
                Math.abs(beta), scale, offset, ldc);
        String what = String.format("gemm%s%s m=%d n=%d k=%d alpha=%s beta=%s off=%d ldPad=%d",
                tA ? "ᵀ" : "", tB ? "ᵀ" : "", m, n, k, alpha, beta, offset, ldPad);
        for (int i = 0; i < m; i++) {
            // Padding between rows must be left alone.
            for (int j = n; j < ldc && i * ldc + j + offset < c0.length; j++)
                assertEquals(c0[offset + i * ldc + j], got[offset + i * ldc + j], what + ": wrote outside C");
            for (int j = 0; j < n; j++) {
                int at = offset + i * ldc + j;
                assertClose(want[at], got[at], scale[at], k, what + " at (" + i + "," + j + ")");
            }
        }
    }

    // ---------------------------------------------------------------- convolution

    @Test
    void convolutionMatchesReferenceOnStridePaddingAndDilationVariants() {
        //                         n  c  h  w  oc kh kw sh sw ph pw dh dw
        checkConv(new ConvGeometry(2, 3, 7, 9, 4, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(3, 2, 9, 8, 5, 3, 2, 2, 3, 1, 0, 1, 1));
        checkConv(new ConvGeometry(2, 3, 11, 10, 3, 3, 3, 1, 2, 2, 3, 2, 3));
        checkConv(new ConvGeometry(1, 17, 5, 5, 3, 1, 1, 1, 1, 0, 0, 1, 1));
        checkConv(new ConvGeometry(3, 4, 6, 6, 7, 1, 1, 2, 2, 0, 0, 1, 1));
        checkConv(new ConvGeometry(2, 1, 1, 1, 3, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(5, 3, 17, 3, 2, 5, 1, 3, 1, 2, 0, 1, 1));
        // Reference ConvNet layers at batch 4: MNIST conv2 and CIFAR conv2, both threads busy.
        checkConv(new ConvGeometry(4, 32, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(4, 32, 32, 32, 32, 3, 3, 1, 1, 1, 1, 1, 1));
    }

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
        // Too few pixels or channels for a whole tile: the im2col + GEMM fallback.
        checkConv(new ConvGeometry(2, 4, 5, 5, 8, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(2, 4, 3, 4, 9, 3, 3, 1, 1, 1, 1, 1, 1));
        checkConv(new ConvGeometry(2, 2, 9, 9, 6, 3, 3, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void convolutionSplitsBatchesUnevenlyOverThreeThreads() {
        Backend threeThreads = new JavaBackend(new Parallel(3));
        for (ConvGeometry g : new ConvGeometry[] {
                new ConvGeometry(7, 8, 12, 12, 16, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(7, 8, 12, 12, 32, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(7, 8, 12, 12, 16, 3, 3, 2, 2, 1, 1, 1, 1)})
            checkWeightGradientOn(threeThreads, g);
    }

    private void checkWeightGradientOn(Backend threeThreads, ConvGeometry g) {
        float[] x = randoms(g.inputSize()), w = randoms(g.weightSize()), dy = randoms(g.outputSize());
        float[] got = new float[g.weightSize()], want = new float[g.weightSize()];
        float[] gotBias = new float[g.outC()], wantBias = new float[g.outC()];
        threeThreads.conv2dBackwardWeight(g, x, dy, got, gotBias);
        reference.conv2dBackwardWeight(g, x, dy, want, wantBias);
        float[] scale = new float[g.weightSize()];
        reference.conv2dBackwardWeight(g, abs(x), abs(dy), scale, null);
        int k = g.n() * g.outH() * g.outW();
        for (int i = 0; i < want.length; i++) assertClose(want[i], got[i], scale[i], k, "dw[" + i + "]");
        for (int o = 0; o < g.outC(); o++) assertEquals(wantBias[o], gotBias[o], 1e-4, "dbias[" + o + "]");
    }

    private void checkConv(ConvGeometry g) {
        float[] x = randoms(g.inputSize()), w = randoms(g.weightSize()), bias = randoms(g.outC());
        float[] dy = randoms(g.outputSize());
        int taps = g.kh() * g.kw();

        float[] y = new float[g.outputSize()], yRef = new float[g.outputSize()], yScale = new float[g.outputSize()];
        java.conv2dForward(g, x, w, bias, y);
        reference.conv2dForward(g, x, w, bias, yRef);
        reference.conv2dForward(g, abs(x), abs(w), abs(bias), yScale);
        assertAllClose(yRef, y, yScale, g.c() * taps, "forward " + g);
        java.conv2dForward(g, x, w, null, y);
        reference.conv2dForward(g, x, w, null, yRef);
        assertAllClose(yRef, y, yScale, g.c() * taps, "forward without bias " + g);

        float[] dx = filled(g.inputSize(), Float.NaN), dxRef = new float[g.inputSize()], dxScale = new float[g.inputSize()];
        java.conv2dBackwardInput(g, dy, w, dx);
        reference.conv2dBackwardInput(g, dy, w, dxRef);
        reference.conv2dBackwardInput(g, abs(dy), abs(w), dxScale);
        assertAllClose(dxRef, dx, dxScale, g.outC() * taps, "backward input " + g);

        float[] dw = filled(g.weightSize(), Float.NaN), dwRef = new float[g.weightSize()], dwScale = new float[g.weightSize()];
        float[] db = filled(g.outC(), Float.NaN), dbRef = new float[g.outC()], dbScale = new float[g.outC()];
        java.conv2dBackwardWeight(g, x, dy, dw, db);
        reference.conv2dBackwardWeight(g, x, dy, dwRef, dbRef);
        reference.conv2dBackwardWeight(g, abs(x), abs(dy), dwScale, dbScale);
        int k = g.n() * g.outH() * g.outW();
        assertAllClose(dwRef, dw, dwScale, k, "backward weight " + g);
        assertAllClose(dbRef, db, dbScale, k, "backward bias " + g);
        dw = filled(g.weightSize(), Float.NaN);
        java.conv2dBackwardWeight(g, x, dy, dw, null);
        assertAllClose(dwRef, dw, dwScale, k, "backward weight without bias " + g);
    }

    // ---------------------------------------------------------------- pooling

    @Test
    void poolingMatchesReferenceIncludingPaddingAndOverlappingWindows() {
        PoolGeometry[] shapes = {
                new PoolGeometry(2, 3, 8, 8, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 3, 7, 9, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(3, 5, 17, 13, 3, 3, 2, 2, 1, 1),
                new PoolGeometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
                new PoolGeometry(128, 32, 28, 28, 2, 2, 2, 2, 0, 0),
                // 2×2 windows, 16 at a time: rows of 7, 8, 16 and 33 outputs, odd sizes, the array's end
                new PoolGeometry(3, 4, 14, 14, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 3, 16, 16, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 3, 32, 32, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(1, 2, 67, 66, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(3, 1, 35, 33, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 4, 9, 7, 3, 2, 1, 3, 1, 1)};
        for (PoolGeometry g : shapes) {
            // Few distinct values and some NaNs, so windows hold ties and NaNs and the rules
            // (first of equal maxima, NaN wins) are exercised.
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = random.nextInt(12) == 0 ? Float.NaN : random.nextInt(5) - 2;
            float[] dy = randoms(g.outputSize());

            float[] y = new float[g.outputSize()], yRef = new float[g.outputSize()];
            int[] arg = new int[g.outputSize()], argRef = new int[g.outputSize()];
            java.maxPool2dForward(g, x, y, arg);
            reference.maxPool2dForward(g, x, yRef, argRef);
            assertArrayEquals(yRef, y, "max pool forward " + g);
            assertArrayEquals(argRef, arg, "max pool argmax " + g);

            float[] dx = filled(g.inputSize(), Float.NaN), dxRef = new float[g.inputSize()];
            java.maxPool2dBackward(g, dy, arg, dx);
            reference.maxPool2dBackward(g, dy, argRef, dxRef);
            assertArrayEquals(dxRef, dx, 1e-6f, "max pool backward " + g);

            int window = g.kh() * g.kw();
            for (int i = 0; i < x.length; i++) if (Float.isNaN(x[i])) x[i] = 0; // the tolerance check needs numbers
            java.avgPool2dForward(g, x, y);
            reference.avgPool2dForward(g, x, yRef);
            assertAllClose(yRef, y, avgScale(g, x), window, "avg pool forward " + g);

            dx = filled(g.inputSize(), Float.NaN);
            java.avgPool2dBackward(g, dy, dx);
            reference.avgPool2dBackward(g, dy, dxRef);
            float[] dxScale = new float[g.inputSize()];
            reference.avgPool2dBackward(g, abs(dy), dxScale);
            assertAllClose(dxRef, dx, dxScale, window, "avg pool backward " + g);
        }
    }

    private float[] avgScale(PoolGeometry g, float[] x) {
        float[] s = new float[g.outputSize()];
        reference.avgPool2dForward(g, abs(x), s);
        return s;
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
    void unaryAgreesBitForBitForEveryOperation() {
        for (int n : new int[] {1, 3, 17, 129, 100_003}) {
            float[] x = awkward(n);
            for (Unary op : Unary.values()) {
                float[] got = new float[n], want = new float[n];
                java.unary(op, x, got, n);
                reference.unary(op, x, want, n);
                assertArrayEquals(want, got, op + " over " + n);
            }
        }
    }

    @Test
    void unaryMayWriteInPlace() {
        float[] x = randoms(1000), want = new float[1000];
        reference.unary(Unary.RELU, x, want, 1000);
        java.unary(Unary.RELU, x, x, 1000);
        assertArrayEquals(want, x);
    }

    @Test
    void binaryAgreesBitForBitForEveryOperation() {
        for (int n : new int[] {1, 3, 17, 129, 100_003}) {
            float[] a = awkward(n), b = randoms(n);
            for (int i = 0; i < n; i += 5) b[i] = -a[i];
            for (Binary op : Binary.values()) {
                float[] got = new float[n], want = new float[n];
                java.binary(op, a, b, got, n);
                reference.binary(op, a, b, want, n);
                assertArrayEquals(want, got, op + " over " + n);
            }
        }
    }

    @Test
    void binaryStridedAgreesOnBroadcastsAlongEveryAxis() {
        // out 4×3×17 with a full and b broadcast per row, per column, per channel, and transposed.
        int[] shape = {4, 3, 17};
        float[] a = randoms(4 * 3 * 17), b = randoms(4 * 3 * 17);
        int[] full = {51, 17, 1};
        int[][] bStrides = {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}, {0, 0, 0}, {1, 4, 12}, full};
        for (Binary op : Binary.values())
            for (int[] bs : bStrides) {
                float[] got = new float[51 * 4], want = new float[51 * 4];
                java.binaryStrided(op, a, full, b, bs, got, shape);
                reference.binaryStrided(op, a, full, b, bs, want, shape);
                assertArrayEquals(want, got, op + " b strides " + Arrays.toString(bs));
                java.binaryStrided(op, b, bs, a, full, got, shape);
                reference.binaryStrided(op, b, bs, a, full, want, shape);
                assertArrayEquals(want, got, op + " a strides " + Arrays.toString(bs));
            }
        // A bias add the size of a training step: 128×1024 plus a 1024 row, split over threads.
        float[] x = randoms(128 * 1024), bias = randoms(1024), got = new float[x.length], want = new float[x.length];
        java.binaryStrided(Binary.ADD, x, new int[] {1024, 1}, bias, new int[] {0, 1}, got, new int[] {128, 1024});
        reference.binaryStrided(Binary.ADD, x, new int[] {1024, 1}, bias, new int[] {0, 1}, want, new int[] {128, 1024});
        assertArrayEquals(want, got, "bias add 128×1024");
    }

    @Test
    void sumAxisAgreesOverOuterMiddleAndInnerAxes() {
        int[][] shapes = {{1, 1, 1}, {3, 17, 1}, {1, 128, 1024}, {129, 3, 17}, {2, 5, 40_000}, {1000, 300, 1}, {4, 129, 3}};
        for (int[] s : shapes) {
            int outer = s[0], len = s[1], inner = s[2];
            float[] x = randoms(outer * len * inner), got = new float[outer * inner], want = new float[outer * inner];
            float[] scale = new float[outer * inner];
            java.sumAxis(x, outer, len, inner, got);
            reference.sumAxis(x, outer, len, inner, want);
            reference.sumAxis(abs(x), outer, len, inner, scale);
            assertAllClose(want, got, scale, len, "sumAxis " + Arrays.toString(s));
        }
    }

    @Test
    void axpyAndScaleAgreeBitForBit() {
        for (int n : new int[] {1, 17, 129, 100_003}) {
            float[] x = randoms(n), y = randoms(n), yRef = y.clone();
            java.axpy(n, -0.3f, x, y);
            reference.axpy(n, -0.3f, x, yRef);
            assertArrayEquals(yRef, y, "axpy " + n);
            java.scale(n, 0.9f, y);
            reference.scale(n, 0.9f, yRef);
            assertArrayEquals(yRef, y, "scale " + n);
        }
    }

    @Test
    void softmaxCrossEntropyAgreesBitForBit() {
        for (int[] s : new int[][] {{1, 1}, {3, 10}, {128, 10}, {4096, 100}}) {
            int rows = s[0], classes = s[1];
            float[] logits = randoms(rows * classes);
            for (int i = 0; i < logits.length; i += 11) logits[i] *= 80f;
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) labels[r] = random.nextInt(classes);
            float[] p = new float[rows * classes], pRef = new float[rows * classes];
            double loss = java.softmaxCrossEntropy(logits, labels, rows, classes, p);
            double lossRef = reference.softmaxCrossEntropy(logits, labels, rows, classes, pRef);
            assertEquals(lossRef, loss, 0.0, "loss " + Arrays.toString(s));
            assertArrayEquals(pRef, p, "probabilities " + Arrays.toString(s));
        }
    }

    @Test
    void softmaxCrossEntropyNamesTheRowWithABadLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> java.softmaxCrossEntropy(new float[6], new int[] {0, 3}, 2, 3, new float[6]));
        assertEquals("label 3 of row 1 is outside the 3 classes [0, 2]", e.getMessage());
    }

    @Test
    void batchNormChannelKernelsAndReluBackwardMatchReference() {
        int[][] shapes = {{128, 32, 1024}, {3, 5, 17}, {1, 1, 1}, {7, 3, 129}};
        for (int[] s : shapes) {
            int n = s[0], c = s[1], sp = s[2], len = n * c * sp;
            float[] x = randoms(len), t = randoms(len), scale = randoms(c), shift = randoms(c);
            double[] sum = new double[c], dot = new double[c], sumRef = new double[c], dotRef = new double[c];
            java.channelSums(x, t, n, c, sp, sum, dot);
            reference.channelSums(x, t, n, c, sp, sumRef, dotRef);
            for (int ch = 0; ch < c; ch++) {
                assertEquals(sumRef[ch], sum[ch], 1e-5 * n * sp, "channel sum " + ch);
                assertEquals(dotRef[ch], dot[ch], 1e-5 * n * sp, "channel dot " + ch);
            }
            float[] y = new float[len], yRef = new float[len];
            java.channelAffine(x, scale, shift, n, c, sp, y);
            reference.channelAffine(x, scale, shift, n, c, sp, yRef);
            for (int i = 0; i < len; i++) assertEquals(yRef[i], y[i], 1e-6f * (1 + Math.abs(yRef[i])), "affine " + i);
            float[] dx = new float[len], dxRef = new float[len];
            java.reluBackward(x, t, dx, len);
            reference.reluBackward(x, t, dxRef, len);
            assertArrayEquals(dxRef, dx, "relu backward");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertClose(float want, float got, float scale, int k, String what) {
        double tol = (k + 2) * EPS * scale + 1e-30;
        if (!(Math.abs(got - want) <= tol))
            fail(what + ": expected " + want + " but got " + got + " (tolerance " + tol + ")");
    }

    private static void assertAllClose(float[] want, float[] got, float[] scale, int k, String what) {
        for (int i = 0; i < want.length; i++) assertClose(want[i], got[i], scale[i], k, what + " [" + i + "]");
    }

    private float[] randoms(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
        return x;
    }

    private static float[] filled(int n, float v) {
        float[] x = new float[n];
        Arrays.fill(x, v);
        return x;
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }
}
