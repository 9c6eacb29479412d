package nnrun.backend.opencl;

import nnrun.backend.Binary;
import nnrun.backend.ConvGeometry;
import nnrun.backend.PoolGeometry;
import nnrun.backend.ReferenceBackend;
import nnrun.backend.Unary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kernel on the OpenCL device against {@link ReferenceBackend} on the same inputs, to
 * |got − want| ≤ 1e-4 + 1e-4·|want| (float sums on the device, double sums in the reference).
 * Shapes include 1, 3, 17 and 129, which are not multiples of any work-group size.
 */
class OpenClBackendParityTest {
    private static OpenClBackend cl;
    private final ReferenceBackend ref = new ReferenceBackend();
    private final Random rnd = new Random(42);

    /** Per test, not @BeforeAll: a skipped @BeforeAll hides the tests and the reason from Maven's report. */
    @BeforeEach
    void openTheSharedDevice() {
        cl = PoclDevice.backend();
    }

    @Test
    void gemmMatchesTheReferenceForEveryTransposeOffsetAndStride() {
        int[][] shapes = {{1, 1, 1}, {3, 17, 129}, {129, 3, 17}, {17, 129, 3}, {129, 129, 129}, {1, 129, 17}};
        for (int[] s : shapes)
            for (boolean transA : new boolean[] {false, true})
                for (boolean transB : new boolean[] {false, true})
                    for (float beta : new float[] {0f, 1.3f}) {
                        int m = s[0], n = s[1], k = s[2];
                        int lda = (transA ? m : k) + 2, ldb = (transB ? k : n) + 1, ldc = n + 3;
                        int aOff = 3, bOff = 1, cOff = 2;
                        float[] a = random(aOff + (transA ? k : m) * lda);
                        float[] b = random(bOff + (transB ? n : k) * ldb);
                        float[] c = random(cOff + m * ldc);
                        if (beta == 0f) Arrays.fill(c, Float.NaN); // beta = 0 must ignore C, even NaN
                        float[] want = c.clone(), got = c.clone();
                        ref.gemm(transA, transB, m, n, k, 0.7f, a, aOff, lda, b, bOff, ldb, beta, want, cOff, ldc);
                        cl.gemm(transA, transB, m, n, k, 0.7f, a, aOff, lda, b, bOff, ldb, beta, got, cOff, ldc);
                        // NaN-filled gaps between rows must come back untouched, so compare those too
                        SelfCheck.compare("gemm " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                                + " beta=" + beta, want, fetched(got));
                    }
    }

    @Test
    void convolutionForwardAndBothBackwardPassesMatchTheReference() {
        ConvGeometry[] geometries = {
                //             n  c   h   w  oc kh kw sh sw ph pw dh dw
                new ConvGeometry(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1),
                new ConvGeometry(2, 3, 17, 17, 5, 3, 3, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(1, 3, 9, 13, 4, 3, 5, 2, 3, 1, 2, 1, 1),
                new ConvGeometry(2, 2, 11, 10, 3, 3, 3, 1, 2, 2, 0, 2, 3),
                new ConvGeometry(3, 17, 5, 5, 3, 1, 1, 1, 1, 0, 0, 1, 1),
                new ConvGeometry(1, 4, 8, 8, 129, 3, 3, 2, 2, 1, 1, 1, 1),
        };
        for (ConvGeometry g : geometries) {
            float[] x = random(g.inputSize()), w = random(g.weightSize()), bias = random(g.outC()), dy = random(g.outputSize());
            for (float[] b : new float[][] {bias, null}) {
                float[] want = new float[g.outputSize()], got = new float[g.outputSize()];
                ref.conv2dForward(g, x, w, b, want);
                cl.conv2dForward(g, x, w, b, got);
                SelfCheck.compare("conv2dForward " + g + " bias=" + (b != null), want, fetched(got));
            }
            float[] dxWant = new float[g.inputSize()], dxGot = new float[g.inputSize()];
            ref.conv2dBackwardInput(g, dy, w, dxWant);
            cl.conv2dBackwardInput(g, dy, w, dxGot);
            SelfCheck.compare("conv2dBackwardInput " + g, dxWant, fetched(dxGot));

            float[] dwWant = new float[g.weightSize()], dwGot = new float[g.weightSize()];
            float[] dbWant = new float[g.outC()], dbGot = new float[g.outC()];
            ref.conv2dBackwardWeight(g, x, dy, dwWant, dbWant);
            cl.conv2dBackwardWeight(g, x, dy, dwGot, dbGot);
            SelfCheck.compare("conv2dBackwardWeight " + g, dwWant, fetched(dwGot));
            SelfCheck.compare("conv2dBackwardWeight bias " + g, dbWant, fetched(dbGot));
            float[] dwOnly = new float[g.weightSize()];
            cl.conv2dBackwardWeight(g, x, dy, dwOnly, null);
            SelfCheck.compare("conv2dBackwardWeight without bias " + g, dwWant, fetched(dwOnly));
        }
    }

    @Test
    void poolingForwardAndBackwardMatchTheReference() {
        PoolGeometry[] geometries = {
                //             n  c   h   w kh kw sh sw ph pw
                new PoolGeometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
                new PoolGeometry(2, 3, 17, 17, 2, 2, 2, 2, 0, 0),
                new PoolGeometry(1, 3, 9, 13, 3, 3, 2, 2, 1, 1),
                new PoolGeometry(2, 2, 11, 10, 3, 2, 1, 3, 1, 0),
                new PoolGeometry(1, 129, 3, 3, 3, 3, 1, 1, 1, 1),
        };
        for (PoolGeometry g : geometries) {
            float[] x = random(g.inputSize()), dy = random(g.outputSize());
            float[] want = new float[g.outputSize()], got = new float[g.outputSize()];
            int[] argWant = new int[g.outputSize()], argGot = new int[g.outputSize()];
            ref.maxPool2dForward(g, x, want, argWant);
            cl.maxPool2dForward(g, x, got, argGot);
            SelfCheck.compare("maxPool2dForward " + g, want, fetched(got));
            cl.toHost(argGot);
            assertArrayEquals(argWant, argGot, "argmax " + g);

            float[] dxWant = new float[g.inputSize()], dxGot = new float[g.inputSize()];
            ref.maxPool2dBackward(g, dy, argWant, dxWant);
            cl.maxPool2dBackward(g, dy, argWant, dxGot);
            SelfCheck.compare("maxPool2dBackward " + g, dxWant, fetched(dxGot));

            ref.avgPool2dForward(g, x, want);
            cl.avgPool2dForward(g, x, got);
            SelfCheck.compare("avgPool2dForward " + g, want, fetched(got));
            ref.avgPool2dBackward(g, dy, dxWant);
            cl.avgPool2dBackward(g, dy, dxGot);
            SelfCheck.compare("avgPool2dBackward " + g, dxWant, fetched(dxGot));
        }
    }

    @Test
    void maxPoolingPicksTheFirstOfTiedValuesLikeTheReference() {
        PoolGeometry g = new PoolGeometry(1, 1, 2, 2, 2, 2, 2, 2, 0, 0);
        float[] y = new float[1];
        int[] argmax = new int[1];
        cl.maxPool2dForward(g, new float[] {1f, 5f, 5f, 2f}, y, argmax);
        cl.toHost(y);
        cl.toHost(argmax);
        assertEquals(5f, y[0]);
        assertEquals(1, argmax[0]);
    }

    @Test
    void elementwiseKernelsMatchTheReferenceIncludingInPlaceCalls() {
        for (int n : new int[] {1, 3, 17, 129, 1000}) {
            float[] signed = random(n), positive = new float[n];
            for (int i = 0; i < n; i++) positive[i] = 0.05f + 3 * rnd.nextFloat();
            for (Unary op : Unary.values()) {
                float[] x = op == Unary.LOG || op == Unary.SQRT ? positive : signed;
                float[] want = new float[n], got = new float[n];
                ref.unary(op, x, want, n);
                cl.unary(op, x, got, n);
                SelfCheck.compare("unary " + op + " n=" + n, want, fetched(got));
                float[] inPlace = x.clone();
                cl.unary(op, inPlace, inPlace, n);
                SelfCheck.compare("unary in place " + op + " n=" + n, want, fetched(inPlace));
            }
            float[] other = random(n);
            for (Binary op : Binary.values()) {
                float[] a = op == Binary.POW ? positive : signed;
                float[] want = new float[n], got = new float[n];
                ref.binary(op, a, other, want, n);
                cl.binary(op, a, other, got, n);
                SelfCheck.compare("binary " + op + " n=" + n, want, fetched(got));
                float[] inPlace = a.clone();
                cl.binary(op, inPlace, other, inPlace, n);
                SelfCheck.compare("binary in place " + op + " n=" + n, want, fetched(inPlace));
            }
        }
    }

    @Test
    void broadcastingBinaryMatchesTheReference() {
        // (17, 3, 129) = (17, 1, 129) ⊙ (3, 1): a broadcast along axis 1, b along axes 0 and 2
        int[] shape = {17, 3, 129};
        float[] a = random(17 * 129), b = random(3);
        int[] aStrides = {129, 0, 1}, bStrides = {0, 1, 0};
        for (Binary op : new Binary[] {Binary.ADD, Binary.SUB, Binary.MUL, Binary.MAX}) {
            float[] want = new float[17 * 3 * 129], got = new float[want.length];
            ref.binaryStrided(op, a, aStrides, b, bStrides, want, shape);
            cl.binaryStrided(op, a, aStrides, b, bStrides, got, shape);
            SelfCheck.compare("binaryStrided " + op, want, fetched(got));
        }
        float[] scalar = new float[1];
        cl.binaryStrided(Binary.MUL, new float[] {3f}, new int[0], new float[] {-2f}, new int[0], scalar, new int[0]);
        cl.toHost(scalar);
        assertEquals(-6f, scalar[0]);
    }

    @Test
    void reductionsAxpyScaleAndSoftmaxMatchTheReference() {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 17, 1}, {1, 129, 17}, {17, 3, 129}}) {
            float[] x = random(s[0] * s[1] * s[2]);
            float[] want = new float[s[0] * s[2]], got = new float[want.length];
            ref.sumAxis(x, s[0], s[1], s[2], want);
            cl.sumAxis(x, s[0], s[1], s[2], got);
            SelfCheck.compare("sumAxis " + Arrays.toString(s), want, fetched(got));
        }
        for (int n : new int[] {1, 17, 1000}) {
            float[] x = random(n), y = random(n);
            float[] want = y.clone(), got = y.clone();
            ref.axpy(n, 0.3f, x, want);
            cl.axpy(n, 0.3f, x, got);
            SelfCheck.compare("axpy n=" + n, want, fetched(got));
            ref.scale(n, -2.5f, want);
            cl.scale(n, -2.5f, got);
            SelfCheck.compare("scale n=" + n, want, fetched(got));
        }
        for (int[] s : new int[][] {{1, 1}, {3, 17}, {129, 10}, {17, 3}}) {
            int rows = s[0], classes = s[1];
            float[] logits = random(rows * classes);
            for (int i = 0; i < logits.length; i++) logits[i] *= 20; // large logits: the stable form matters
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) labels[r] = rnd.nextInt(classes);
            float[] pWant = new float[logits.length], pGot = new float[logits.length];
            double lossWant = ref.softmaxCrossEntropy(logits, labels, rows, classes, pWant);
            double lossGot = cl.softmaxCrossEntropy(logits, labels, rows, classes, pGot);
            SelfCheck.compare("softmax probs " + rows + "x" + classes, pWant, fetched(pGot));
            assertEquals(lossWant, lossGot, 1e-4 * (1 + Math.abs(lossWant)), "summed loss " + rows + "x" + classes);
        }
    }

    @Test
    void trainingKernelsMatchTheReference() {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 17, 1}, {2, 3, 129}, {17, 5, 9}}) { // n, channels, spatial
            int n = s[0], c = s[1], sp = s[2], total = n * c * sp;
            float[] x = random(total), t = random(total), scale = random(c), shift = random(c);
            double[] sumWant = new double[c], dotWant = new double[c], sumGot = new double[c], dotGot = new double[c];
            ref.channelSums(x, t, n, c, sp, sumWant, dotWant);
            cl.channelSums(x, t, n, c, sp, sumGot, dotGot);
            for (int ch = 0; ch < c; ch++) {
                assertEquals(sumWant[ch], sumGot[ch], 1e-4 * (1 + total), "channel sum " + ch + " of " + Arrays.toString(s));
                assertEquals(dotWant[ch], dotGot[ch], 1e-4 * (1 + total), "channel dot " + ch + " of " + Arrays.toString(s));
            }
            float[] want = new float[total], got = new float[total];
            ref.channelAffine(x, scale, shift, n, c, sp, want);
            cl.channelAffine(x, scale, shift, n, c, sp, got);
            SelfCheck.compare("channelAffine " + Arrays.toString(s), want, fetched(got));
            ref.reluBackward(x, t, want, total);
            cl.reluBackward(x, t, got, total);
            SelfCheck.compare("reluBackward " + Arrays.toString(s), want, fetched(got));
            float[] rows = new float[c * sp], rowsWant = new float[total], rowsGot = new float[total];
            System.arraycopy(x, 0, rows, 0, rows.length);
            ref.fillRows(rows, rowsWant, n, c * sp);
            cl.fillRows(rows, rowsGot, n, c * sp);
            SelfCheck.compare("fillRows " + Arrays.toString(s), rowsWant, fetched(rowsGot));
            int[] labels = new int[n * sp];
            for (int i = 0; i < labels.length; i++) labels[i] = rnd.nextInt(c);
            ref.softmaxCrossEntropyBackward(x, labels, n * sp, c, 0.3f, want);
            cl.softmaxCrossEntropyBackward(x, labels, n * sp, c, 0.3f, got);
            SelfCheck.compare("softmaxCrossEntropyBackward " + Arrays.toString(s), want, fetched(got));
            for (nnrun.backend.SgdRule rule : new nnrun.backend.SgdRule[] {new nnrun.backend.SgdRule(0.05f, 0.9f, 0f, 5e-4f, false, true),
                    new nnrun.backend.SgdRule(0.05f, 0.9f, 0.2f, 5e-4f, true, false), new nnrun.backend.SgdRule(0.05f, 0f, 0f, 0f, false, false)}) {
                float[] wWant = x.clone(), wGot = x.clone(), bWant = t.clone(), bGot = t.clone();
                ref.sgdUpdate(rule, wWant, t, rule.usesBuffer() ? bWant : null, total);
                cl.sgdUpdate(rule, wGot, t, rule.usesBuffer() ? bGot : null, total);
                SelfCheck.compare("sgdUpdate " + rule, wWant, fetched(wGot));
                if (rule.usesBuffer()) SelfCheck.compare("sgdUpdate momentum " + rule, bWant, fetched(bGot));
            }
        }
    }

    @Test
    void everyBackendKernelIsImplementedForTheDevice() {
        // A Backend default method runs on the host's arrays, which hold stale values for buffers
        // that live on the device; so the OpenCL backend must declare every method itself.
        for (java.lang.reflect.Method m : nnrun.backend.Backend.class.getMethods())
            try {
                OpenClBackend.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new AssertionError("OpenClBackend inherits Backend." + m.getName() + " instead of implementing it");
            }
    }

    /** A kernel's output as the host sees it once it asks the device for it. */
    private static float[] fetched(float[] output) {
        cl.toHost(output);
        return output;
    }

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return v;
    }
}
