package nnrun.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Backend} promises: each kernel gives {@link ReferenceBackend}'s result on the
 * same inputs, within the backend's {@link Agreement}. One subclass per backend runs it
 * (JavaBackendContractTest, OpenClBackendContractTest) and adds the tests of its own fast paths.
 *
 * <p>Shapes include 1, 3, 17 and 129, which are no multiple of a vector width, tile or work-group
 * size; offsets, leading dimensions wider than a row, in-place calls and outputs pre-filled with
 * NaN check that a kernel reads and writes exactly its part. Outputs are read back through
 * {@link Backend#toHost}, as the autodiff layer reads them.
 */
public abstract class BackendContract {

    /** How close a backend's results must be to the reference's. */
    public interface Agreement {
        /** A float result that sums {@code k} terms whose absolute values sum to {@code scale} (gemm, conv, pooling, sums). */
        void sum(String what, float want, float got, float scale, int k);

        /** A float result of the same few operations in the same order (elementwise ops, softmax, SGD). */
        void exact(String what, float want, float got);

        /** A float result of one multiply and one add, which a backend may fuse into one rounding. */
        void fused(String what, float want, float got);

        /** A double result that sums {@code terms} float products (batch-norm statistics, the summed loss). */
        void doubleSum(String what, double want, double got, int terms);
    }

    private static final int[] ODD_SIZES = {1, 3, 17, 129};

    protected final ReferenceBackend reference = new ReferenceBackend();
    protected final Random random = new Random(20261203);

    /** The backend under test. */
    protected abstract Backend backend();

    protected abstract Agreement agreement();

    // ---------------------------------------------------------------- gemm

    @Test
    void gemmMatchesTheReferenceForEveryTransposeBetaOffsetAndLeadingDimension() {
        for (int m : ODD_SIZES)
            for (int n : ODD_SIZES)
                for (int k : ODD_SIZES)
                    for (int flags = 0; flags < 4; flags++)
                        for (float beta : new float[] {0f, 1f, 0.5f}) {
                            checkGemm(flags >= 2, (flags & 1) == 1, m, n, k, 0.7f, beta, 0, 0);
                            checkGemm(flags >= 2, (flags & 1) == 1, m, n, k, -0.75f, beta, 3, 2);
                        }
    }

    /**
     * C's elements outside the m×n block (before the offset, in the padding between rows) must
     * come back as they were, and with beta = 0 C is not read: NaN there does not leak out.
     */
    protected void checkGemm(boolean tA, boolean tB, int m, int n, int k, float alpha, float beta, int offset, int ldPad) {
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + ldPad, ldb = bCols + ldPad, ldc = n + ldPad;
        float[] a = randoms(offset + aRows * lda), b = randoms(offset + bRows * ldb);
        float[] c0 = beta == 0f ? filled(offset + m * ldc, Float.NaN) : randoms(offset + m * ldc);
        float[] got = c0.clone(), want = c0.clone();
        backend().gemm(tA, tB, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, got, offset, ldc);
        fetched(got);
        reference.gemm(tA, tB, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, want, offset, ldc);
        float[] scale = beta == 0f ? new float[c0.length] : abs(c0);
        reference.gemm(tA, tB, m, n, k, Math.abs(alpha), abs(a), offset, lda, abs(b), offset, ldb, Math.abs(beta), scale, offset, ldc);
        String what = String.format("gemm%s%s m=%d n=%d k=%d alpha=%s beta=%s offset=%d ldPad=%d",
                tA ? "ᵀ" : "", tB ? "ᵀ" : "", m, n, k, alpha, beta, offset, ldPad);
        for (int at = 0; at < c0.length; at++) {
            int row = (at - offset) / ldc, col = (at - offset) % ldc;
            if (at < offset || row >= m || col >= n) {
                if (Float.compare(c0[at], got[at]) != 0) fail(what + ": wrote outside C at " + at);
            } else {
                agreement().sum(what + " at (" + row + "," + col + ")", want[at], got[at], scale[at], k);
            }
        }
    }

    // ---------------------------------------------------------------- convolution

    @Test
    void convolutionForwardAndBothBackwardPassesMatchTheReference() {
        ConvGeometry[] geometries = {
                //             n  c   h   w  oc kh kw sh sw ph pw dh dw
                new ConvGeometry(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1),
                new ConvGeometry(2, 3, 7, 9, 4, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(2, 3, 17, 17, 5, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(1, 3, 9, 13, 4, 3, 5, 2, 3, 1, 2, 1, 1),
                new ConvGeometry(3, 2, 9, 8, 5, 3, 2, 2, 3, 1, 0, 1, 1),
                new ConvGeometry(2, 3, 11, 10, 3, 3, 3, 1, 2, 2, 3, 2, 3),
                new ConvGeometry(3, 17, 5, 5, 3, 1, 1, 1, 1, 0, 0, 1, 1),
                new ConvGeometry(3, 4, 6, 6, 7, 1, 1, 2, 2, 0, 0, 1, 1),
                new ConvGeometry(2, 1, 1, 1, 3, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(5, 3, 17, 3, 2, 5, 1, 3, 1, 2, 0, 1, 1),
                new ConvGeometry(1, 4, 8, 8, 129, 3, 3, 2, 2, 1, 1, 1, 1),
                // The reference ConvNets' second layers at batch 4 (MNIST conv2, CIFAR conv2).
                new ConvGeometry(4, 32, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(4, 32, 32, 32, 32, 3, 3, 1, 1, 1, 1, 1, 1),
                // Many pixels under few weights: OpenCL splits the weight gradient's pixel sum into
                // slices (8 here on a 2-unit device), the last one partial in the second.
                new ConvGeometry(8, 3, 32, 32, 16, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(3, 3, 30, 29, 5, 3, 3, 1, 1, 1, 1, 1, 1),
        };
        for (ConvGeometry g : geometries) checkConv(g);
    }

    protected void checkConv(ConvGeometry g) {
        checkConv(backend(), g);
    }

    /** Forward, input and weight gradients (with and without bias) of one geometry on {@code backend}. */
    protected void checkConv(Backend backend, ConvGeometry g) {
        float[] x = randoms(g.inputSize()), w = randoms(g.weightSize()), bias = randoms(g.outC());
        float[] dy = randoms(g.outputSize());
        int taps = g.kh() * g.kw();

        float[] yScale = new float[g.outputSize()];
        reference.conv2dForward(g, abs(x), abs(w), abs(bias), yScale);
        for (float[] b : new float[][] {bias, null}) {
            float[] y = filled(g.outputSize(), Float.NaN), yRef = new float[g.outputSize()];
            backend.conv2dForward(g, x, w, b, y);
            reference.conv2dForward(g, x, w, b, yRef);
            assertAllSums(yRef, fetched(backend, y), yScale, g.c() * taps + 1, "forward " + g + (b == null ? " without bias" : ""));
        }

        float[] dx = filled(g.inputSize(), Float.NaN), dxRef = new float[g.inputSize()], dxScale = new float[g.inputSize()];
        backend.conv2dBackwardInput(g, dy, w, dx);
        reference.conv2dBackwardInput(g, dy, w, dxRef);
        reference.conv2dBackwardInput(g, abs(dy), abs(w), dxScale);
        assertAllSums(dxRef, fetched(backend, dx), dxScale, g.outC() * taps, "backward input " + g);

        float[] dw = filled(g.weightSize(), Float.NaN), dwRef = new float[g.weightSize()], dwScale = new float[g.weightSize()];
        float[] db = filled(g.outC(), Float.NaN), dbRef = new float[g.outC()], dbScale = new float[g.outC()];
        backend.conv2dBackwardWeight(g, x, dy, dw, db);
        reference.conv2dBackwardWeight(g, x, dy, dwRef, dbRef);
        reference.conv2dBackwardWeight(g, abs(x), abs(dy), dwScale, dbScale);
        int k = g.n() * g.outH() * g.outW();
        assertAllSums(dwRef, fetched(backend, dw), dwScale, k, "backward weight " + g);
        assertAllSums(dbRef, fetched(backend, db), dbScale, k, "backward bias " + g);
        float[] dwOnly = filled(g.weightSize(), Float.NaN);
        backend.conv2dBackwardWeight(g, x, dy, dwOnly, null);
        assertAllSums(dwRef, fetched(backend, dwOnly), dwScale, k, "backward weight without bias " + g);
    }

    // ---------------------------------------------------------------- pooling

    @Test
    void poolingMatchesTheReferenceWithTiesPaddingAndOverlappingWindows() {
        PoolGeometry[] geometries = {
                //             n  c   h   w kh kw sh sw ph pw
                new PoolGeometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
                new PoolGeometry(2, 3, 8, 8, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 3, 7, 9, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(2, 3, 17, 17, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(3, 5, 17, 13, 3, 3, 2, 2, 1, 1),
                new PoolGeometry(1, 3, 9, 13, 3, 3, 2, 2, 1, 1),
                new PoolGeometry(2, 2, 11, 10, 3, 2, 1, 3, 1, 0),
                new PoolGeometry(1, 129, 3, 3, 3, 3, 1, 1, 1, 1),
                new PoolGeometry(3, 4, 14, 14, 2, 2, 2, 2, 0, 0),
        };
        for (PoolGeometry g : geometries) {
            // Few distinct values, so windows hold ties and the first of equal maxima must win.
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = random.nextInt(5) - 2;
            checkPooling(g, x);
        }
    }

    protected void checkPooling(PoolGeometry g, float[] x) {
        float[] dy = randoms(g.outputSize());
        float[] y = filled(g.outputSize(), Float.NaN), yRef = new float[g.outputSize()];
        int[] arg = new int[g.outputSize()], argRef = new int[g.outputSize()];
        backend().maxPool2dForward(g, x, y, arg);
        reference.maxPool2dForward(g, x, yRef, argRef);
        assertArrayEquals(yRef, fetched(y), "max pool forward " + g);
        backend().toHost(arg);
        assertArrayEquals(argRef, arg, "max pool argmax " + g);

        float[] dx = filled(g.inputSize(), Float.NaN), dxRef = new float[g.inputSize()], dxScale = new float[g.inputSize()];
        backend().maxPool2dBackward(g, dy, argRef, dx);
        reference.maxPool2dBackward(g, dy, argRef, dxRef);
        reference.maxPool2dBackward(g, abs(dy), argRef, dxScale);
        int window = g.kh() * g.kw();
        assertAllSums(dxRef, fetched(dx), dxScale, window, "max pool backward " + g);

        float[] finite = x.clone();
        for (int i = 0; i < finite.length; i++) if (Float.isNaN(finite[i])) finite[i] = 0;
        float[] avg = filled(g.outputSize(), Float.NaN), avgRef = new float[g.outputSize()], avgScale = new float[g.outputSize()];
        backend().avgPool2dForward(g, finite, avg);
        reference.avgPool2dForward(g, finite, avgRef);
        reference.avgPool2dForward(g, abs(finite), avgScale);
        assertAllSums(avgRef, fetched(avg), avgScale, window, "avg pool forward " + g);
        float[] avgDx = filled(g.inputSize(), Float.NaN), avgDxRef = new float[g.inputSize()], avgDxScale = new float[g.inputSize()];
        backend().avgPool2dBackward(g, dy, avgDx);
        reference.avgPool2dBackward(g, dy, avgDxRef);
        reference.avgPool2dBackward(g, abs(dy), avgDxScale);
        assertAllSums(avgDxRef, fetched(avgDx), avgDxScale, window, "avg pool backward " + g);
    }

    @Test
    void maxPoolingPicksTheFirstOfTiedMaxima() {
        PoolGeometry g = new PoolGeometry(1, 1, 2, 2, 2, 2, 2, 2, 0, 0);
        float[] y = new float[1];
        int[] argmax = new int[1];
        backend().maxPool2dForward(g, new float[] {1f, 5f, 5f, 2f}, y, argmax);
        backend().toHost(argmax);
        assertEquals(5f, fetched(y)[0]);
        assertEquals(1, argmax[0]);
    }

    // ---------------------------------------------------------------- elementwise

    @Test
    void everyUnaryAndBinaryOperationMatchesTheReferenceAlsoInPlace() {
        for (int n : new int[] {1, 3, 17, 129, 1000}) {
            float[] signed = randoms(n), positive = new float[n], other = randoms(n);
            for (int i = 0; i < n; i++) positive[i] = 0.05f + 3 * random.nextFloat();
            for (Unary op : Unary.values()) {
                float[] x = op == Unary.LOG || op == Unary.SQRT ? positive : signed;
                float[] want = new float[n], got = filled(n, Float.NaN), inPlace = x.clone();
                reference.unary(op, x, want, n);
                backend().unary(op, x, got, n);
                assertAllExact(want, fetched(got), "unary " + op + " n=" + n);
                backend().unary(op, inPlace, inPlace, n);
                assertAllExact(want, fetched(inPlace), "unary in place " + op + " n=" + n);
            }
            for (Binary op : Binary.values()) {
                float[] a = op == Binary.POW ? positive : signed;
                float[] want = new float[n], got = filled(n, Float.NaN), inPlace = a.clone();
                reference.binary(op, a, other, want, n);
                backend().binary(op, a, other, got, n);
                assertAllExact(want, fetched(got), "binary " + op + " n=" + n);
                backend().binary(op, inPlace, other, inPlace, n);
                assertAllExact(want, fetched(inPlace), "binary in place " + op + " n=" + n);
            }
        }
    }

    @Test
    void broadcastingBinaryMatchesTheReferenceAlongEveryAxis() {
        // out 4×3×17 with a full and b broadcast per row, per column, per channel, as a scalar, transposed, full.
        int[] shape = {4, 3, 17}, full = {51, 17, 1};
        int[][] bStrides = {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}, {0, 0, 0}, {1, 4, 12}, full};
        float[] a = randoms(204), b = randoms(204);
        for (Binary op : Binary.values())
            for (int[] bs : bStrides) {
                float[] want = new float[204], got = filled(204, Float.NaN);
                reference.binaryStrided(op, a, full, b, bs, want, shape);
                backend().binaryStrided(op, a, full, b, bs, got, shape);
                assertAllExact(want, fetched(got), op + " b strides " + Arrays.toString(bs));
                float[] want2 = new float[204], got2 = filled(204, Float.NaN);
                reference.binaryStrided(op, b, bs, a, full, want2, shape);
                backend().binaryStrided(op, b, bs, a, full, got2, shape);
                assertAllExact(want2, fetched(got2), op + " a strides " + Arrays.toString(bs));
            }
        // (17, 3, 129) = (17, 1, 129) ⊙ (3, 1): a broadcast along axis 1, b along axes 0 and 2.
        float[] x = randoms(17 * 129), row = randoms(3), want = new float[17 * 3 * 129], got = filled(want.length, Float.NaN);
        reference.binaryStrided(Binary.MUL, x, new int[] {129, 0, 1}, row, new int[] {0, 1, 0}, want, new int[] {17, 3, 129});
        backend().binaryStrided(Binary.MUL, x, new int[] {129, 0, 1}, row, new int[] {0, 1, 0}, got, new int[] {17, 3, 129});
        assertAllExact(want, fetched(got), "MUL (17, 1, 129) by (3, 1)");
        float[] scalar = new float[1];
        backend().binaryStrided(Binary.MUL, new float[] {3f}, new int[0], new float[] {-2f}, new int[0], scalar, new int[0]);
        assertEquals(-6f, fetched(scalar)[0], "a rank-0 product");
    }

    @Test
    void sumAxisMatchesTheReferenceOverOuterMiddleAndInnerAxes() {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 17, 1}, {1, 129, 17}, {17, 3, 129}, {1, 128, 1024}, {4, 129, 3}}) {
            int outer = s[0], len = s[1], inner = s[2];
            float[] x = randoms(outer * len * inner), want = new float[outer * inner], got = filled(outer * inner, Float.NaN);
            float[] scale = new float[outer * inner];
            reference.sumAxis(x, outer, len, inner, want);
            reference.sumAxis(abs(x), outer, len, inner, scale);
            backend().sumAxis(x, outer, len, inner, got);
            assertAllSums(want, fetched(got), scale, len, "sumAxis " + Arrays.toString(s));
        }
    }

    @Test
    void axpyAndScaleMatchTheReference() {
        for (int n : new int[] {1, 17, 129, 100_003}) {
            float[] x = randoms(n), y = randoms(n), want = y.clone(), got = y.clone();
            reference.axpy(n, -0.3f, x, want);
            backend().axpy(n, -0.3f, x, got);
            assertAllExact(want, fetched(got), "axpy n=" + n);
            reference.scale(n, 0.9f, want);
            backend().scale(n, 0.9f, got);
            assertAllExact(want, fetched(got), "scale n=" + n);
        }
    }

    // ---------------------------------------------------------------- training kernels

    @Test
    void softmaxCrossEntropyAndItsVjpMatchTheReferenceOnLargeLogits() {
        for (int[] s : new int[][] {{1, 1}, {3, 10}, {3, 17}, {128, 10}, {129, 10}, {17, 3}}) {
            int rows = s[0], classes = s[1];
            float[] logits = randoms(rows * classes);
            for (int i = 0; i < logits.length; i += 3) logits[i] *= 40f; // the stable form matters
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) labels[r] = random.nextInt(classes);
            float[] p = filled(rows * classes, Float.NaN), pRef = new float[rows * classes];
            double lossRef = reference.softmaxCrossEntropy(logits, labels, rows, classes, pRef);
            double loss = backend().softmaxCrossEntropy(logits, labels, rows, classes, p);
            agreement().doubleSum("summed loss " + Arrays.toString(s), lossRef, loss, rows * classes);
            assertAllExact(pRef, fetched(p), "probabilities " + Arrays.toString(s));
            float[] d = filled(rows * classes, Float.NaN), dRef = new float[rows * classes];
            reference.softmaxCrossEntropyBackward(pRef, labels, rows, classes, 0.3f, dRef);
            backend().softmaxCrossEntropyBackward(pRef, labels, rows, classes, 0.3f, d);
            assertAllExact(dRef, fetched(d), "softmax cross-entropy VJP " + Arrays.toString(s));
        }
    }

    @Test
    void batchNormChannelKernelsReluBackwardAndRowFillMatchTheReference() {
        // The last three have few channels over many elements: OpenCL sums each channel in several parts
        // (3 to 16 on a 2-unit device), the last one ragged, with pixels per image above and below its group of 64.
        for (int[] s : new int[][] {{1, 1, 1}, {3, 17, 1}, {3, 5, 17}, {2, 3, 129}, {7, 3, 129}, {17, 5, 9},
                {37, 2, 129}, {300, 1, 7}, {64, 1, 1024}}) { // n, channels, spatial
            int n = s[0], c = s[1], sp = s[2], total = n * c * sp;
            String shape = Arrays.toString(s);
            float[] x = randoms(total), t = randoms(total), scale = randoms(c), shift = randoms(c);
            double[] sum = new double[c], dot = new double[c], sumRef = new double[c], dotRef = new double[c];
            reference.channelSums(x, t, n, c, sp, sumRef, dotRef);
            backend().channelSums(x, t, n, c, sp, sum, dot);
            for (int ch = 0; ch < c; ch++) {
                agreement().doubleSum("channel sum " + ch + " of " + shape, sumRef[ch], sum[ch], n * sp);
                agreement().doubleSum("channel dot " + ch + " of " + shape, dotRef[ch], dot[ch], n * sp);
            }
            float[] y = filled(total, Float.NaN), yRef = new float[total];
            reference.channelAffine(x, scale, shift, n, c, sp, yRef);
            backend().channelAffine(x, scale, shift, n, c, sp, y);
            assertAllFused(yRef, fetched(y), "channelAffine " + shape);
            float[] dx = filled(total, Float.NaN), dxRef = new float[total];
            reference.reluBackward(x, t, dxRef, total);
            backend().reluBackward(x, t, dx, total);
            assertAllExact(dxRef, fetched(dx), "reluBackward " + shape);
            float[] row = randoms(c * sp), rows = filled(total, Float.NaN), rowsRef = new float[total];
            reference.fillRows(row, rowsRef, n, c * sp);
            backend().fillRows(row, rows, n, c * sp);
            assertAllExact(rowsRef, fetched(rows), "fillRows " + shape);
        }
    }

    /** Bit for bit on every backend that can: a resumed run must continue the same trajectory. */
    @Test
    void sgdUpdateMatchesTheRuleForMomentumDampeningWeightDecayAndNesterov() {
        SgdRule[] rules = {
                new SgdRule(0.05f, 0f, 0f, 0f, false, false),
                new SgdRule(0.05f, 0f, 0f, 5e-4f, false, true),
                new SgdRule(0.05f, 0.9f, 0f, 0f, false, true),
                new SgdRule(0.05f, 0.9f, 0f, 5e-4f, false, false),
                new SgdRule(0.05f, 0.9f, 0.1f, 5e-4f, false, false),
                new SgdRule(0.05f, 0.9f, 0f, 5e-4f, true, false),
                new SgdRule(0.05f, 0.9f, 0f, 5e-4f, true, true)};
        for (SgdRule rule : rules)
            for (int n : new int[] {1, 17, 129, 100_003}) { // below and above a parallel threshold, ragged tails
                float[] w = randoms(n), g = randoms(n), b = randoms(n);
                float[] wWant = w.clone(), wGot = w.clone(), bWant = b.clone(), bGot = b.clone();
                reference.sgdUpdate(rule, wWant, g, rule.usesBuffer() ? bWant : null, n);
                backend().sgdUpdate(rule, wGot, g, rule.usesBuffer() ? bGot : null, n);
                assertAllExact(wWant, fetched(wGot), "weights " + rule + " n=" + n);
                if (rule.usesBuffer()) assertAllExact(bWant, fetched(bGot), "momentum buffer " + rule + " n=" + n);
            }
    }

    @Test
    void adamAndRmsPropUpdatesMatchTheirRules() {
        AdamRule[] adams = {AdamRule.at(1, 1e-3, 0.9f, 0.999f, 1e-8f, 0f, false),
                AdamRule.at(7, 1e-2, 0.9f, 0.99f, 1e-6f, 0.01f, false), AdamRule.at(3, 1e-3, 0.8f, 0.999f, 1e-8f, 0.1f, true)};
        RmsPropRule[] rmsProps = {new RmsPropRule(0.01f, 0.99f, 1e-8f, 0f, 0f, false),
                new RmsPropRule(0.01f, 0.9f, 1e-6f, 5e-4f, 0.9f, true), new RmsPropRule(0.01f, 0.99f, 1e-8f, 0f, 0.5f, false)};
        for (int n : new int[] {1, 17, 129, 100_003}) {
            float[] g = randoms(n);
            for (AdamRule rule : adams) {
                float[] w = randoms(n), m = randoms(n), v = abs(randoms(n));
                float[] wWant = w.clone(), mWant = m.clone(), vWant = v.clone();
                reference.adamUpdate(rule, wWant, g, mWant, vWant, n);
                backend().adamUpdate(rule, w, g, m, v, n);
                assertAllExact(wWant, fetched(w), "adam weights " + rule + " n=" + n);
                assertAllExact(mWant, fetched(m), "adam exp_avg n=" + n);
                assertAllExact(vWant, fetched(v), "adam exp_avg_sq n=" + n);
            }
            for (RmsPropRule rule : rmsProps) {
                float[] w = randoms(n), v = abs(randoms(n)), a = filled(n, 0f), b = randoms(n);
                float[] wWant = w.clone(), vWant = v.clone(), aWant = a.clone(), bWant = b.clone();
                reference.rmsPropUpdate(rule, wWant, g, vWant, rule.centered() ? aWant : null, rule.usesMomentum() ? bWant : null, n);
                backend().rmsPropUpdate(rule, w, g, v, rule.centered() ? a : null, rule.usesMomentum() ? b : null, n);
                assertAllExact(wWant, fetched(w), "rmsprop weights " + rule + " n=" + n);
                assertAllExact(vWant, fetched(v), "rmsprop square_avg n=" + n);
                if (rule.centered()) assertAllExact(aWant, fetched(a), "rmsprop grad_avg n=" + n);
                if (rule.usesMomentum()) assertAllExact(bWant, fetched(b), "rmsprop momentum_buffer n=" + n);
            }
        }
    }

    @Test
    void clippingByGlobalNormScalesAllGradientsAlikeOrLeavesThemAlone() {
        for (float maxNorm : new float[] {1f, 1e6f}) {
            float[][] grads = {randoms(1), randoms(129), randoms(100_003)};
            float[][] want = {grads[0].clone(), grads[1].clone(), grads[2].clone()};
            reference.clipByGlobalNorm(java.util.List.of(want), maxNorm);
            backend().clipByGlobalNorm(java.util.List.of(grads), maxNorm);
            for (int i = 0; i < grads.length; i++) {
                float[] got = fetched(grads[i]);
                for (int j = 0; j < got.length; j++)
                    agreement().sum("clipped gradient " + i + "[" + j + "] max norm " + maxNorm, want[i][j], got[j], Math.abs(want[i][j]), 100_133);
            }
        }
    }

    @Test
    void leakyReluSoftmaxLogSoftmaxAndTheirVjpsMatchTheReference() {
        for (int n : ODD_SIZES) {
            float[] x = randoms(n), g = randoms(n), y = filled(n, Float.NaN), yRef = new float[n];
            reference.leakyRelu(0.01f, x, yRef, n);
            backend().leakyRelu(0.01f, x, y, n);
            assertAllExact(yRef, fetched(y), "leakyRelu n=" + n);
            float[] dx = filled(n, Float.NaN), dxRef = new float[n];
            reference.leakyReluBackward(0.01f, x, g, dxRef, n);
            backend().leakyReluBackward(0.01f, x, g, dx, n);
            assertAllExact(dxRef, fetched(dx), "leakyReluBackward n=" + n);
        }
        for (int[] s : new int[][] {{1, 1, 1}, {3, 10, 1}, {7, 11, 3}, {2, 129, 5}}) { // outer, len, inner
            int total = s[0] * s[1] * s[2];
            float[] x = randoms(total), g = randoms(total);
            for (int i = 0; i < total; i += 5) x[i] *= 40f;
            float[] y = filled(total, Float.NaN), yRef = new float[total];
            reference.softmax(x, s[0], s[1], s[2], yRef);
            backend().softmax(x, s[0], s[1], s[2], y);
            for (int i = 0; i < total; i++) agreement().sum("softmax " + Arrays.toString(s) + " [" + i + "]", yRef[i], fetched(y)[i], 1f, s[1]);
            float[] dx = filled(total, Float.NaN), dxRef = new float[total];
            reference.softmaxBackward(yRef, g, s[0], s[1], s[2], dxRef);
            backend().softmaxBackward(yRef, g, s[0], s[1], s[2], dx);
            float[] got = fetched(dx);
            for (int i = 0; i < total; i++)
                agreement().sum("softmaxBackward " + Arrays.toString(s) + " [" + i + "]", dxRef[i], got[i], 1f + Math.abs(g[i]), s[1]);
            float[] logY = filled(total, Float.NaN), logYRef = new float[total];
            reference.logSoftmax(x, s[0], s[1], s[2], logYRef);
            backend().logSoftmax(x, s[0], s[1], s[2], logY);
            float[] logGot = fetched(logY);
            for (int i = 0; i < total; i++)
                agreement().sum("logSoftmax " + Arrays.toString(s) + " [" + i + "]", logYRef[i], logGot[i], 1f + Math.abs(logYRef[i]), s[1]);
            float[] logDx = filled(total, Float.NaN), logDxRef = new float[total];
            reference.logSoftmaxBackward(logYRef, g, s[0], s[1], s[2], logDxRef);
            backend().logSoftmaxBackward(logYRef, g, s[0], s[1], s[2], logDx);
            float[] logDxGot = fetched(logDx);
            for (int i = 0; i < total; i++)
                agreement().sum("logSoftmaxBackward " + Arrays.toString(s) + " [" + i + "]", logDxRef[i], logDxGot[i], 1f + Math.abs(g[i]) * s[1], s[1]);
        }
    }

    @Test
    void theErrorCountTakesTheFirstOfTiedMaximaAndOneColumnAsOutputAboveZero() {
        for (int[] s : new int[][] {{1, 1}, {17, 1}, {3, 10}, {129, 10}, {129, 3}}) {
            int rows = s[0], cols = s[1];
            float[] out = randoms(rows * cols);
            for (int r = 0; r < rows && cols > 1; r += 2) out[r * cols + 1] = out[r * cols]; // ties between the first two
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) labels[r] = random.nextInt(Math.max(2, cols));
            assertEquals(reference.misclassified(out, labels, rows, cols), backend().misclassified(out, labels, rows, cols),
                    "misclassified " + Arrays.toString(s));
        }
    }

    @Test
    void dropoutMasksAreTheCounterBasedMaskBitForBit() {
        int n = 100_003;
        float[] mask = filled(n, Float.NaN), want = new float[n];
        reference.dropoutMask(0x5DEECE66DL, 0.7f, want, n);
        backend().dropoutMask(0x5DEECE66DL, 0.7f, mask, n);
        assertArrayEquals(want, fetched(mask), "dropout mask");
        long kept = 0;
        for (float m : want) {
            if (m != 0f) kept++;
            if (m != 0f && m != 1f / 0.7f) fail("a kept value is scaled by 1/keep, not " + m);
        }
        assertEquals(0.7, (double) kept / n, 0.005, "share of values kept");
    }

    @Test
    void batchNormForwardAndBackwardMatchTheReference() {
        // The last two: several parts per channel on OpenCL (as above), and cifar_convnet's first layer at batch 8.
        for (int[] s : new int[][] {{2, 1, 1}, {3, 17, 1}, {37, 5, 7}, {7, 3, 129}, {37, 2, 129}, {8, 32, 1024}}) { // n, channels, spatial
            int n = s[0], c = s[1], sp = s[2], total = n * c * sp;
            String shape = Arrays.toString(s);
            float[] x = randoms(total), gamma = randoms(c), beta = randoms(c), g = randoms(total);
            for (int i = 0; i < total; i++) x[i] = 3f + 2f * x[i]; // off-centre, so the two-pass variance matters
            float[][] want = {new float[total], new float[c], new float[c], new float[c], new float[total]};
            float[][] got = {filled(total, Float.NaN), filled(c, Float.NaN), filled(c, Float.NaN), filled(c, Float.NaN), filled(total, Float.NaN)};
            reference.batchNormForward(x, gamma, beta, n, c, sp, 1e-5f, want[0], want[1], want[2], want[3], want[4]);
            backend().batchNormForward(x, gamma, beta, n, c, sp, 1e-5f, got[0], got[1], got[2], got[3], got[4]);
            String[] names = {"xhat", "invStd", "mean", "var", "y"};
            for (int k = 0; k < names.length; k++) {
                float[] out = fetched(got[k]);
                for (int i = 0; i < out.length; i++)
                    agreement().sum("batchNorm " + names[k] + " " + shape + " [" + i + "]", want[k][i], out[i], 4f + Math.abs(want[k][i]), n * sp);
            }
            float[][] back = {new float[total], new float[c], new float[c]}, backGot = {filled(total, Float.NaN), filled(c, Float.NaN), filled(c, Float.NaN)};
            reference.batchNormBackward(g, want[0], gamma, want[1], n, c, sp, back[0], back[1], back[2]);
            backend().batchNormBackward(g, want[0], gamma, want[1], n, c, sp, backGot[0], backGot[1], backGot[2]);
            String[] backNames = {"dx", "dGamma", "dBeta"};
            for (int k = 0; k < backNames.length; k++) {
                float[] out = fetched(backGot[k]);
                for (int i = 0; i < out.length; i++)
                    agreement().sum("batchNorm " + backNames[k] + " " + shape + " [" + i + "]", back[k][i], out[i],
                            k == 0 ? 4f + Math.abs(back[k][i]) : 2f * n * sp, n * sp);
            }
        }
    }

    // ---------------------------------------------------------------- indexing, comparisons, extremes

    @Test
    void stridedCopiesAndConcatenationsMoveEveryValueBitForBit() {
        int[] shape = {3, 17, 1, 5};
        float[] x = awkwardCopies(1 + 3 * 17 * 5);
        // Every order of the axes of a 3×17×1×5 block stored from offset 1 (a transpose is one of them).
        for (int[] axes : new int[][] {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 0, 3, 2}, {2, 3, 0, 1}, {0, 3, 1, 2}}) {
            int[] out = new int[4], strides = new int[4], own = {85, 5, 5, 1};
            for (int d = 0; d < 4; d++) { out[d] = shape[axes[d]]; strides[d] = own[axes[d]]; }
            float[] want = new float[255], got = filled(255, Float.NaN);
            reference.copyStrided(x, 1, strides, want, out);
            backend().copyStrided(x, 1, strides, got, out);
            assertArrayEquals(want, fetched(got), "permute " + Arrays.toString(axes));
        }
        // A slice with a step along the middle axis: positions 2, 5, ..., 14 of 17.
        float[] want = new float[3 * 5 * 5], got = filled(want.length, Float.NaN);
        reference.copyStrided(x, 1 + 2 * 5, new int[] {85, 15, 1}, want, new int[] {3, 5, 5});
        backend().copyStrided(x, 1 + 2 * 5, new int[] {85, 15, 1}, got, new int[] {3, 5, 5});
        assertArrayEquals(want, fetched(got), "slice 2:17:3");
        float[] scalar = new float[1];
        backend().copyStrided(new float[] {0f, -0f}, 1, new int[0], scalar, new int[0]);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(fetched(scalar)[0]), "a rank-0 copy keeps the sign of zero");

        for (int[] lens : new int[][] {{1}, {2, 0, 3}, {17, 1, 129}, {5, 5}}) {
            int outer = 3, inner = 7, total = Arrays.stream(lens).sum();
            java.util.List<float[]> parts = new java.util.ArrayList<>();
            for (int len : lens) parts.add(awkwardCopies(outer * len * inner));
            float[] joined = filled(outer * total * inner, Float.NaN), joinedRef = new float[joined.length];
            reference.concat(parts, lens, outer, inner, joinedRef);
            backend().concat(parts, lens, outer, inner, joined);
            assertArrayEquals(joinedRef, fetched(joined), "concat " + Arrays.toString(lens));
        }
    }

    @Test
    void gatherSumSelectsWithRepeatsAndSumsEachPositionsPicksBack() {
        for (int[] s : new int[][] {{1, 1, 1}, {1, 1000, 1}, {3, 17, 129}, {129, 5, 3}}) { // outer, len, inner
            int outer = s[0], len = s[1], inner = s[2], n = 2 * len + 1;
            float[] x = awkwardCopies(outer * len * inner);
            int[] idx = new int[n];
            for (int k = 0; k < n; k++) idx[k] = random.nextInt(Math.max(1, len / 2 + 1)); // repeats, and positions never picked
            float[] picked = filled(outer * n * inner, Float.NaN), pickedRef = new float[picked.length];
            reference.gatherSum(x, outer, len, inner, null, idx, n, pickedRef);
            backend().gatherSum(x, outer, len, inner, null, idx, n, picked);
            assertArrayEquals(pickedRef, fetched(picked), "gather " + Arrays.toString(s));

            int[] starts = new int[len + 1], sources = new int[n];
            for (int p : idx) starts[p + 1]++;
            for (int p = 0; p < len; p++) starts[p + 1] += starts[p];
            int[] next = starts.clone();
            for (int k = 0; k < n; k++) sources[next[idx[k]]++] = k;
            float[] g = randoms(outer * n * inner), summed = filled(outer * len * inner, Float.NaN), summedRef = new float[summed.length];
            float[] scale = new float[summed.length];
            reference.gatherSum(g, outer, n, inner, starts, sources, len, summedRef);
            reference.gatherSum(abs(g), outer, n, inner, starts, sources, len, scale);
            backend().gatherSum(g, outer, n, inner, starts, sources, len, summed);
            assertAllSums(summedRef, fetched(summed), scale, n, "scatter-add as a gather " + Arrays.toString(s));
        }
    }

    @Test
    void relationsAndWhereMatchTheReferenceOnTiesNaNSignedZerosAndBroadcasts() {
        int[] shape = {4, 3, 17}, full = {51, 17, 1};
        int[][] bStrides = {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}, {0, 0, 0}, {1, 4, 12}, full};
        float[] a = fewValues(204), b = fewValues(204), w = fewValues(204);
        for (int[] bs : bStrides) {
            for (Relation relation : Relation.values()) {
                float[] want = new float[204], got = filled(204, Float.NaN);
                reference.compare(relation, a, full, b, bs, want, shape);
                backend().compare(relation, a, full, b, bs, got, shape);
                assertArrayEquals(want, fetched(got), relation + " b strides " + Arrays.toString(bs));
            }
            float[] want = new float[204], got = filled(204, Float.NaN);
            reference.where(w, a, full, b, bs, want, shape);
            backend().where(w, a, full, b, bs, got, shape);
            assertArrayEquals(want, fetched(got), "where, b strides " + Arrays.toString(bs));
        }
        float[] tie = new float[1];
        backend().compare(Relation.PREFERS_LARGER, new float[] {0f}, new int[0], new float[] {-0f}, new int[0], tie, new int[0]);
        assertEquals(0.5f, fetched(tie)[0], "0 and −0 tie");
    }

    @Test
    void extremesAlongLanesTakeTheFirstTieAndTheFirstNaNAndRouteValuesBack() {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 17, 1}, {7, 129, 3}, {1, 3000, 1}, {129, 2, 17}}) { // outer, len, inner
            int outer = s[0], len = s[1], inner = s[2], lanes = outer * inner;
            float[] x = fewValues(outer * len * inner);
            for (boolean smallest : new boolean[] {false, true}) {
                String what = (smallest ? "min " : "max ") + Arrays.toString(s);
                float[] values = filled(lanes, Float.NaN), valuesRef = new float[lanes];
                int[] at = new int[lanes], atRef = new int[lanes];
                reference.extremeAlong(smallest, x, outer, len, inner, valuesRef, atRef);
                backend().extremeAlong(smallest, x, outer, len, inner, values, at);
                assertArrayEquals(valuesRef, fetched(values), what);
                backend().toHost(at);
                assertArrayEquals(atRef, at, what + " positions");

                float[] t = randoms(outer * len * inner), taken = filled(lanes, Float.NaN), takenRef = new float[lanes];
                reference.takeAlong(t, atRef, outer, len, inner, takenRef);
                backend().takeAlong(t, atRef, outer, len, inner, taken);
                assertArrayEquals(takenRef, fetched(taken), "takeAlong " + what);
                float[] g = randoms(lanes), dx = filled(outer * len * inner, Float.NaN), dxRef = new float[dx.length];
                reference.placeAlong(g, atRef, outer, len, inner, dxRef);
                backend().placeAlong(g, atRef, outer, len, inner, dx);
                assertArrayEquals(dxRef, fetched(dx), "placeAlong " + what);
            }
        }
    }

    // ---------------------------------------------------------------- fused losses and slopes

    @Test
    void smoothedCrossEntropyMatchesTheReferenceAndIsThePlainOneWithoutSmoothing() {
        for (int[] s : new int[][] {{1, 1}, {3, 10}, {129, 10}, {17, 3}, {3, 1000}}) {
            int rows = s[0], classes = s[1];
            float[] logits = randoms(rows * classes);
            for (int i = 0; i < logits.length; i += 3) logits[i] *= 40f;
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) labels[r] = random.nextInt(classes);
            for (float smoothing : new float[] {0f, 0.1f, 0.5f}) {
                String what = Arrays.toString(s) + " ε=" + smoothing;
                float[] p = filled(rows * classes, Float.NaN), pRef = new float[rows * classes], pPlain = new float[rows * classes];
                double lossRef = reference.smoothedCrossEntropy(logits, labels, rows, classes, smoothing, pRef);
                double loss = backend().smoothedCrossEntropy(logits, labels, rows, classes, smoothing, p);
                agreement().doubleSum("summed loss " + what, lossRef, loss, rows * classes);
                assertAllExact(pRef, fetched(p), "probabilities " + what);
                if (smoothing == 0f)
                    assertEquals(reference.softmaxCrossEntropy(logits, labels, rows, classes, pPlain), lossRef, 0.0, "ε = 0 " + what);
                float[] d = filled(rows * classes, Float.NaN), dRef = new float[rows * classes];
                reference.smoothedCrossEntropyBackward(pRef, labels, rows, classes, smoothing, 0.3f, dRef);
                backend().smoothedCrossEntropyBackward(pRef, labels, rows, classes, smoothing, 0.3f, d);
                assertAllExact(dRef, fetched(d), "VJP " + what);
            }
        }
    }

    @Test
    void logisticLossAndPowSlopesMatchTheReference() {
        for (int n : new int[] {1, 3, 17, 129, 100_003}) {
            float[] z = randoms(n), y = new float[n];
            for (int k = 0; k < n; k++) {
                y[k] = random.nextBoolean() ? 1f : -1f;
                if (k % 5 == 0) z[k] *= 200f; // far beyond exp's float range: the stable form matters
            }
            agreement().doubleSum("logistic loss n=" + n, reference.logisticLoss(z, y, n), backend().logisticLoss(z, y, n), n);
            float[] d = filled(n, Float.NaN), dRef = new float[n];
            reference.logisticLossBackward(z, y, n, 1f / n, dRef);
            backend().logisticLossBackward(z, y, n, 1f / n, d);
            assertAllExact(dRef, fetched(d), "logistic loss VJP n=" + n);

            float[] signed = randoms(n), positive = abs(randoms(n)), g = randoms(n);
            for (int k = 0; k < n; k += 7) positive[k] = 0f;
            for (float p : new float[] {2.5f, 3f, 1f, 0f, -1.5f}) {
                float[] x = p == 3f || p == 1f ? signed : positive;
                float[] dx = filled(n, Float.NaN), dxRef = new float[n];
                reference.powBackward(p, x, g, dxRef, n);
                backend().powBackward(p, x, g, dx, n);
                assertAllExact(dxRef, fetched(dx), "pow VJP p=" + p + " n=" + n);
            }
            float[] slope = filled(n, Float.NaN), slopeRef = new float[n];
            reference.powExponentSlope(positive, g, slopeRef, n);
            backend().powExponentSlope(positive, g, slope, n);
            assertAllExact(slopeRef, fetched(slope), "pow exponent slope n=" + n);
        }
    }

    /** Random values with signed zeros, infinities and NaN mixed in: a copy must move each bit for bit. */
    private float[] awkwardCopies(int n) {
        float[] x = randoms(n);
        float[] special = {-0f, 0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        for (int i = 0; i < n; i += 5) x[i] = special[(i / 5) % special.length];
        return x;
    }

    /** Few distinct values (ties everywhere), with NaN, 0 and −0 among them. */
    private float[] fewValues(int n) {
        float[] pool = {-1f, 0f, -0f, 0.5f, 2f, Float.NaN, 2f, -1f, 0.5f, 0.5f, 2f, -1f, 0f};
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = pool[random.nextInt(pool.length)];
        return x;
    }

    // ---------------------------------------------------------------- helpers

    /** A kernel's output as the host sees it once it asks the backend for it. */
    protected float[] fetched(float[] output) {
        return fetched(backend(), output);
    }

    private static float[] fetched(Backend backend, float[] output) {
        backend.toHost(output);
        return output;
    }

    protected void assertAllSums(float[] want, float[] got, float[] scale, int k, String what) {
        for (int i = 0; i < want.length; i++) agreement().sum(what + " [" + i + "]", want[i], got[i], scale[i], k);
    }

    protected void assertAllExact(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) agreement().exact(what + " [" + i + "]", want[i], got[i]);
    }

    protected void assertAllFused(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) agreement().fused(what + " [" + i + "]", want[i], got[i]);
    }

    protected float[] randoms(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
        return x;
    }

    protected static float[] filled(int n, float v) {
        float[] x = new float[n];
        Arrays.fill(x, v);
        return x;
    }

    protected static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }
}
