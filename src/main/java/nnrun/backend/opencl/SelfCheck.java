package nnrun.backend.opencl;

import nnrun.backend.Backend;
import nnrun.backend.Binary;
import nnrun.backend.ConvGeometry;
import nnrun.backend.PoolGeometry;
import nnrun.backend.SgdRule;
import nnrun.backend.Unary;

import java.util.Arrays;
import java.util.Random;

/**
 * Runs every kernel of a backend once on small odd-sized inputs and compares it with a reference.
 * This is what catches a kernel Aparapi quietly ran somewhere else or miscompiled, before a
 * training run depends on it.
 */
public final class SelfCheck {
    /** |got − want| ≤ ABS + REL·|want|: float accumulation against the reference's double sums. */
    public static final float ABS = 1e-4f, REL = 1e-4f;

    private SelfCheck() {}

    /** @throws IllegalStateException naming the first kernel that disagrees, where and by how much */
    public static void verify(Backend candidate, Backend reference) {
        Random rnd = new Random(7);

        // 19 columns and 11 inner products: full and partial vector blocks of the hand-written kernels
        float[] a = random(rnd, 1 + 11 * 6), b = random(rnd, 2 + 19 * 12), c0 = random(rnd, 5 * 20);
        for (boolean transA : new boolean[] {false, true})
            for (boolean transB : new boolean[] {false, true}) {
                int lda = transA ? 6 : 12, ldb = transB ? 12 : 19;
                float[] want = c0.clone(), got = c0.clone();
                reference.gemm(transA, transB, 5, 19, 11, 0.5f, a, 1, lda, b, 2, ldb, 1.5f, want, 0, 20);
                candidate.gemm(transA, transB, 5, 19, 11, 0.5f, a, 1, lda, b, 2, ldb, 1.5f, got, 0, 20);
                candidate.toHost(got);
                compare("gemm transA=" + transA + " transB=" + transB, want, got);
            }

        ConvGeometry conv = new ConvGeometry(2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 1, 1, 2);
        float[] x = random(rnd, conv.inputSize()), w = random(rnd, conv.weightSize()), bias = random(rnd, conv.outC());
        float[] dy = random(rnd, conv.outputSize());
        compare("conv2dForward", run(reference, conv.outputSize(), y -> reference.conv2dForward(conv, x, w, bias, y)),
                run(candidate, conv.outputSize(), y -> candidate.conv2dForward(conv, x, w, bias, y)));
        compare("conv2dBackwardInput", run(reference, conv.inputSize(), dx -> reference.conv2dBackwardInput(conv, dy, w, dx)),
                run(candidate, conv.inputSize(), dx -> candidate.conv2dBackwardInput(conv, dy, w, dx)));
        float[] dbWant = new float[conv.outC()], dbGot = new float[conv.outC()];
        compare("conv2dBackwardWeight", run(reference, conv.weightSize(), dw -> reference.conv2dBackwardWeight(conv, x, dy, dw, dbWant)),
                run(candidate, conv.weightSize(), dw -> candidate.conv2dBackwardWeight(conv, x, dy, dw, dbGot)));
        candidate.toHost(dbGot);
        compare("conv2dBackwardWeight (bias)", dbWant, dbGot);

        PoolGeometry pool = new PoolGeometry(2, 3, 7, 5, 3, 2, 2, 2, 1, 1);
        float[] px = random(rnd, pool.inputSize()), pdy = random(rnd, pool.outputSize());
        int[] argWant = new int[pool.outputSize()], argGot = new int[pool.outputSize()];
        compare("maxPool2dForward", run(reference, pool.outputSize(), y -> reference.maxPool2dForward(pool, px, y, argWant)),
                run(candidate, pool.outputSize(), y -> candidate.maxPool2dForward(pool, px, y, argGot)));
        candidate.toHost(argGot);
        if (!Arrays.equals(argWant, argGot))
            throw new IllegalStateException("maxPool2dForward: argmax " + Arrays.toString(argGot)
                    + " differs from the reference " + Arrays.toString(argWant));
        compare("maxPool2dBackward", run(reference, pool.inputSize(), dx -> reference.maxPool2dBackward(pool, pdy, argWant, dx)),
                run(candidate, pool.inputSize(), dx -> candidate.maxPool2dBackward(pool, pdy, argWant, dx)));
        compare("avgPool2dForward", run(reference, pool.outputSize(), y -> reference.avgPool2dForward(pool, px, y)),
                run(candidate, pool.outputSize(), y -> candidate.avgPool2dForward(pool, px, y)));
        compare("avgPool2dBackward", run(reference, pool.inputSize(), dx -> reference.avgPool2dBackward(pool, pdy, dx)),
                run(candidate, pool.inputSize(), dx -> candidate.avgPool2dBackward(pool, pdy, dx)));

        float[] positive = new float[17];
        for (int i = 0; i < positive.length; i++) positive[i] = 0.1f + 2 * rnd.nextFloat();
        float[] signed = random(rnd, 17);
        for (Unary op : Unary.values()) {
            float[] in = op == Unary.LOG || op == Unary.SQRT ? positive : signed;
            compare("unary " + op, run(reference, 17, y -> reference.unary(op, in, y, 17)), run(candidate, 17, y -> candidate.unary(op, in, y, 17)));
        }
        for (Binary op : Binary.values()) {
            float[] left = op == Binary.POW ? positive : signed;
            compare("binary " + op, run(reference, 17, out -> reference.binary(op, left, signed, out, 17)),
                    run(candidate, 17, out -> candidate.binary(op, left, signed, out, 17)));
        }
        float[] matrix = random(rnd, 12), row = random(rnd, 4);
        int[] shape = {3, 4}, matrixStrides = {4, 1}, rowStrides = {0, 1};
        compare("binaryStrided", run(reference, 12, out -> reference.binaryStrided(Binary.ADD, matrix, matrixStrides, row, rowStrides, out, shape)),
                run(candidate, 12, out -> candidate.binaryStrided(Binary.ADD, matrix, matrixStrides, row, rowStrides, out, shape)));

        float[] cube = random(rnd, 3 * 5 * 2);
        compare("sumAxis", run(reference, 6, out -> reference.sumAxis(cube, 3, 5, 2, out)), run(candidate, 6, out -> candidate.sumAxis(cube, 3, 5, 2, out)));

        float[] ax = random(rnd, 17), ay = random(rnd, 17);
        float[] axWant = ay.clone(), axGot = ay.clone();
        reference.axpy(17, -0.75f, ax, axWant);
        candidate.axpy(17, -0.75f, ax, axGot);
        candidate.toHost(axGot);
        compare("axpy", axWant, axGot);
        float[] sWant = ax.clone(), sGot = ax.clone();
        reference.scale(17, 3f, sWant);
        candidate.scale(17, 3f, sGot);
        candidate.toHost(sGot);
        compare("scale", sWant, sGot);

        float[] logits = random(rnd, 3 * 5);
        int[] labels = {4, 0, 2};
        float[] pWant = new float[15], pGot = new float[15];
        double lossWant = reference.softmaxCrossEntropy(logits, labels, 3, 5, pWant);
        double lossGot = candidate.softmaxCrossEntropy(logits, labels, 3, 5, pGot);
        candidate.toHost(pGot);
        compare("softmaxCrossEntropy", pWant, pGot);
        compare("softmaxCrossEntropy (loss)", new float[] {(float) lossWant}, new float[] {(float) lossGot});
        compare("softmaxCrossEntropyBackward", run(reference, 15, d -> reference.softmaxCrossEntropyBackward(pWant, labels, 3, 5, 0.25f, d)),
                run(candidate, 15, d -> candidate.softmaxCrossEntropyBackward(pWant, labels, 3, 5, 0.25f, d)));

        compare("reluBackward", run(reference, 17, d -> reference.reluBackward(signed, ax, d, 17)),
                run(candidate, 17, d -> candidate.reluBackward(signed, ax, d, 17)));
        compare("fillRows", run(reference, 12, out -> reference.fillRows(row, out, 3, 4)),
                run(candidate, 12, out -> candidate.fillRows(row, out, 3, 4)));
        float[] planes = random(rnd, 2 * 4 * 3), shift = random(rnd, 4);
        compare("channelAffine", run(reference, 24, y -> reference.channelAffine(planes, row, shift, 2, 4, 3, y)),
                run(candidate, 24, y -> candidate.channelAffine(planes, row, shift, 2, 4, 3, y)));
        double[] sumWant = new double[4], dotWant = new double[4], sumGot = new double[4], dotGot = new double[4];
        reference.channelSums(planes, planes, 2, 4, 3, sumWant, dotWant);
        candidate.channelSums(planes, planes, 2, 4, 3, sumGot, dotGot);
        compare("channelSums", toFloats(sumWant), toFloats(sumGot));
        compare("channelSums (dot)", toFloats(dotWant), toFloats(dotGot));
        for (SgdRule rule : new SgdRule[] {new SgdRule(0.1f, 0f, 0f, 0f, false, false),
                new SgdRule(0.1f, 0.9f, 0f, 0.01f, false, true), new SgdRule(0.1f, 0.9f, 0.1f, 0.01f, true, false)}) {
            float[] wWant = ax.clone(), wGot = ax.clone(), mWant = ay.clone(), mGot = ay.clone();
            reference.sgdUpdate(rule, wWant, signed, rule.usesBuffer() ? mWant : null, 17);
            candidate.sgdUpdate(rule, wGot, signed, rule.usesBuffer() ? mGot : null, 17);
            candidate.toHost(wGot);
            candidate.toHost(mGot);
            compare("sgdUpdate " + rule, wWant, wGot);
            compare("sgdUpdate " + rule + " (momentum)", mWant, mGot);
        }
    }

    /** @throws IllegalStateException at the first element outside the tolerance */
    public static void compare(String kernel, float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) {
            float tol = ABS + REL * Math.abs(want[i]);
            boolean bothNaN = Float.isNaN(want[i]) && Float.isNaN(got[i]);
            if (!bothNaN && !(Math.abs(got[i] - want[i]) <= tol))
                throw new IllegalStateException(kernel + ": element " + i + " is " + got[i] + " but the reference gives "
                        + want[i] + " (tolerance " + tol + ")");
        }
    }

    /** The output of one kernel call, fetched from wherever the backend keeps it. */
    private static float[] run(Backend backend, int size, java.util.function.Consumer<float[]> kernel) {
        float[] out = new float[size];
        kernel.accept(out);
        backend.toHost(out);
        return out;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextFloat() * 2 - 1;
        return v;
    }
}
