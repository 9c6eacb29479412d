package nnrun.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs every kernel of a backend once on small odd-sized inputs and compares it with a reference.
 * This is what catches a kernel Aparapi quietly ran somewhere else or miscompiled, before a
 * training run depends on it: the OpenCL backend runs it on every device it opens, and
 * {@code nnrun selfcheck} prints its result kernel by kernel.
 */
public final class SelfCheck {
    /** |got − want| ≤ ABS + REL·|want|: float accumulation against the reference's double sums. */
    public static final float ABS = 1e-4f, REL = 1e-4f;

    /**
     * One kernel's check: the largest |got − want|, the largest share of the tolerance used (above 1
     * fails), the first element outside it ({@code null} when it passed), and the candidate's time,
     * its first launch included (where a driver compiles the kernel).
     */
    public record Result(String kernel, double maxError, double toleranceUsed, String problem, long nanos) {
        public boolean passed() { return problem == null; }
    }

    private SelfCheck() {}

    /** @throws IllegalStateException naming the first kernel that disagrees, where and by how much */
    public static void verify(Backend candidate, Backend reference) {
        for (Result r : run(candidate, reference))
            if (!r.passed()) throw new IllegalStateException(r.problem());
    }

    /**
     * Every kernel once, in a fixed order. A kernel that throws ends the check with a failed result
     * that names the exception and the kernel checked before it.
     */
    public static List<Result> run(Backend candidate, Backend reference) {
        Checks checks = new Checks(candidate);
        try {
            checkEveryKernel(candidate, reference, checks);
        } catch (RuntimeException e) {
            checks.threw(e);
        }
        return checks.results;
    }

    private static void checkEveryKernel(Backend candidate, Backend reference, Checks checks) {
        Random rnd = new Random(7);

        // 19 columns and 11 inner products: full and partial vector blocks of the hand-written kernels
        float[] a = random(rnd, 1 + 11 * 6), b = random(rnd, 2 + 19 * 12), c0 = random(rnd, 5 * 20);
        for (boolean transA : new boolean[] {false, true})
            for (boolean transB : new boolean[] {false, true}) {
                int lda = transA ? 6 : 12, ldb = transB ? 12 : 19;
                float[] want = c0.clone(), got = c0.clone();
                reference.gemm(transA, transB, 5, 19, 11, 0.5f, a, 1, lda, b, 2, ldb, 1.5f, want, 0, 20);
                checks.time(() -> candidate.gemm(transA, transB, 5, 19, 11, 0.5f, a, 1, lda, b, 2, ldb, 1.5f, got, 0, 20));
                checks.time(() -> candidate.toHost(got));
                checks.compare("gemm transA=" + transA + " transB=" + transB, want, got);
            }

        ConvGeometry conv = new ConvGeometry(2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 1, 1, 2);
        float[] x = random(rnd, conv.inputSize()), w = random(rnd, conv.weightSize()), bias = random(rnd, conv.outC());
        float[] dy = random(rnd, conv.outputSize());
        checks.compare("conv2dForward", checks.reference(conv.outputSize(), y -> reference.conv2dForward(conv, x, w, bias, y)),
                checks.candidate(conv.outputSize(), y -> candidate.conv2dForward(conv, x, w, bias, y)));
        checks.compare("conv2dBackwardInput", checks.reference(conv.inputSize(), dx -> reference.conv2dBackwardInput(conv, dy, w, dx)),
                checks.candidate(conv.inputSize(), dx -> candidate.conv2dBackwardInput(conv, dy, w, dx)));
        float[] dbWant = new float[conv.outC()], dbGot = new float[conv.outC()];
        checks.compare("conv2dBackwardWeight", checks.reference(conv.weightSize(), dw -> reference.conv2dBackwardWeight(conv, x, dy, dw, dbWant)),
                checks.candidate(conv.weightSize(), dw -> candidate.conv2dBackwardWeight(conv, x, dy, dw, dbGot)));
        checks.time(() -> candidate.toHost(dbGot));
        checks.compare("conv2dBackwardWeight (bias)", dbWant, dbGot);

        PoolGeometry pool = new PoolGeometry(2, 3, 7, 5, 3, 2, 2, 2, 1, 1);
        float[] px = random(rnd, pool.inputSize()), pdy = random(rnd, pool.outputSize());
        int[] argWant = new int[pool.outputSize()], argGot = new int[pool.outputSize()];
        checks.compare("maxPool2dForward", checks.reference(pool.outputSize(), y -> reference.maxPool2dForward(pool, px, y, argWant)),
                checks.candidate(pool.outputSize(), y -> candidate.maxPool2dForward(pool, px, y, argGot)));
        checks.time(() -> candidate.toHost(argGot));
        checks.compareIndices("maxPool2dForward (argmax)", argWant, argGot);
        checks.compare("maxPool2dBackward", checks.reference(pool.inputSize(), dx -> reference.maxPool2dBackward(pool, pdy, argWant, dx)),
                checks.candidate(pool.inputSize(), dx -> candidate.maxPool2dBackward(pool, pdy, argWant, dx)));
        checks.compare("avgPool2dForward", checks.reference(pool.outputSize(), y -> reference.avgPool2dForward(pool, px, y)),
                checks.candidate(pool.outputSize(), y -> candidate.avgPool2dForward(pool, px, y)));
        checks.compare("avgPool2dBackward", checks.reference(pool.inputSize(), dx -> reference.avgPool2dBackward(pool, pdy, dx)),
                checks.candidate(pool.inputSize(), dx -> candidate.avgPool2dBackward(pool, pdy, dx)));

        float[] positive = new float[17];
        for (int i = 0; i < positive.length; i++) positive[i] = 0.1f + 2 * rnd.nextFloat();
        float[] signed = random(rnd, 17);
        for (Unary op : Unary.values()) {
            float[] in = op == Unary.LOG || op == Unary.SQRT ? positive : signed;
            checks.compare("unary " + op, checks.reference(17, y -> reference.unary(op, in, y, 17)), checks.candidate(17, y -> candidate.unary(op, in, y, 17)));
        }
        for (Binary op : Binary.values()) {
            float[] left = op == Binary.POW ? positive : signed;
            checks.compare("binary " + op, checks.reference(17, out -> reference.binary(op, left, signed, out, 17)),
                    checks.candidate(17, out -> candidate.binary(op, left, signed, out, 17)));
        }
        float[] matrix = random(rnd, 12), row = random(rnd, 4);
        int[] shape = {3, 4}, matrixStrides = {4, 1}, rowStrides = {0, 1};
        checks.compare("binaryStrided", checks.reference(12, out -> reference.binaryStrided(Binary.ADD, matrix, matrixStrides, row, rowStrides, out, shape)),
                checks.candidate(12, out -> candidate.binaryStrided(Binary.ADD, matrix, matrixStrides, row, rowStrides, out, shape)));

        float[] cube = random(rnd, 3 * 5 * 2);
        checks.compare("sumAxis", checks.reference(6, out -> reference.sumAxis(cube, 3, 5, 2, out)), checks.candidate(6, out -> candidate.sumAxis(cube, 3, 5, 2, out)));

        float[] ax = random(rnd, 17), ay = random(rnd, 17);
        float[] axWant = ay.clone(), axGot = ay.clone();
        reference.axpy(17, -0.75f, ax, axWant);
        checks.time(() -> candidate.axpy(17, -0.75f, ax, axGot));
        checks.time(() -> candidate.toHost(axGot));
        checks.compare("axpy", axWant, axGot);
        float[] sWant = ax.clone(), sGot = ax.clone();
        reference.scale(17, 3f, sWant);
        checks.time(() -> candidate.scale(17, 3f, sGot));
        checks.time(() -> candidate.toHost(sGot));
        checks.compare("scale", sWant, sGot);

        float[] logits = random(rnd, 3 * 5);
        int[] labels = {4, 0, 2};
        float[] pWant = new float[15], pGot = new float[15];
        double lossWant = reference.softmaxCrossEntropy(logits, labels, 3, 5, pWant);
        double lossGot = checks.timed(() -> candidate.softmaxCrossEntropy(logits, labels, 3, 5, pGot));
        checks.time(() -> candidate.toHost(pGot));
        checks.compare("softmaxCrossEntropy", pWant, pGot);
        checks.compare("softmaxCrossEntropy (loss)", new float[] {(float) lossWant}, new float[] {(float) lossGot});
        checks.compare("softmaxCrossEntropyBackward", checks.reference(15, d -> reference.softmaxCrossEntropyBackward(pWant, labels, 3, 5, 0.25f, d)),
                checks.candidate(15, d -> candidate.softmaxCrossEntropyBackward(pWant, labels, 3, 5, 0.25f, d)));

        checks.compare("reluBackward", checks.reference(17, d -> reference.reluBackward(signed, ax, d, 17)),
                checks.candidate(17, d -> candidate.reluBackward(signed, ax, d, 17)));
        checks.compare("fillRows", checks.reference(12, out -> reference.fillRows(row, out, 3, 4)),
                checks.candidate(12, out -> candidate.fillRows(row, out, 3, 4)));
        float[] planes = random(rnd, 2 * 4 * 3), shift = random(rnd, 4);
        checks.compare("channelAffine", checks.reference(24, y -> reference.channelAffine(planes, row, shift, 2, 4, 3, y)),
                checks.candidate(24, y -> candidate.channelAffine(planes, row, shift, 2, 4, 3, y)));
        double[] sumWant = new double[4], dotWant = new double[4], sumGot = new double[4], dotGot = new double[4];
        reference.channelSums(planes, planes, 2, 4, 3, sumWant, dotWant);
        checks.time(() -> candidate.channelSums(planes, planes, 2, 4, 3, sumGot, dotGot));
        checks.compare("channelSums", toFloats(sumWant), toFloats(sumGot));
        checks.compare("channelSums (dot)", toFloats(dotWant), toFloats(dotGot));
        for (SgdRule rule : new SgdRule[] {new SgdRule(0.1f, 0f, 0f, 0f, false, false),
                new SgdRule(0.1f, 0.9f, 0f, 0.01f, false, true), new SgdRule(0.1f, 0.9f, 0.1f, 0.01f, true, false)}) {
            float[] wWant = ax.clone(), wGot = ax.clone(), mWant = ay.clone(), mGot = ay.clone();
            reference.sgdUpdate(rule, wWant, signed, rule.usesBuffer() ? mWant : null, 17);
            checks.time(() -> candidate.sgdUpdate(rule, wGot, signed, rule.usesBuffer() ? mGot : null, 17));
            checks.time(() -> candidate.toHost(wGot));
            checks.time(() -> candidate.toHost(mGot));
            String name = "sgdUpdate lr " + rule.lr() + " momentum " + rule.momentum() + " dampening " + rule.dampening()
                    + " weight decay " + rule.weightDecay() + (rule.nesterov() ? " nesterov" : "") + (rule.firstStep() ? " first step" : "");
            checks.compare(name, wWant, wGot);
            if (rule.usesBuffer()) checks.compare(name + " (momentum buffer)", mWant, mGot);
        }

        for (AdamRule rule : new AdamRule[] {AdamRule.at(1, 1e-2, 0.9f, 0.999f, 1e-8f, 0f, false),
                AdamRule.at(3, 1e-2, 0.9f, 0.99f, 1e-6f, 0.01f, false), AdamRule.at(2, 1e-2, 0.8f, 0.999f, 1e-8f, 0.1f, true)}) {
            float[] wWant = ax.clone(), wGot = ax.clone(), mWant = ay.clone(), mGot = ay.clone();
            float[] vWant = positive.clone(), vGot = positive.clone();
            reference.adamUpdate(rule, wWant, signed, mWant, vWant, 17);
            checks.time(() -> candidate.adamUpdate(rule, wGot, signed, mGot, vGot, 17));
            checks.time(() -> { candidate.toHost(wGot); candidate.toHost(mGot); candidate.toHost(vGot); });
            String name = "adamUpdate" + (rule.decoupled() ? " decoupled" : "") + " weight decay " + rule.weightDecay();
            checks.compare(name, wWant, wGot);
            checks.compare(name + " (moments)", concat(mWant, vWant), concat(mGot, vGot));
        }
        for (RmsPropRule rule : new RmsPropRule[] {new RmsPropRule(0.01f, 0.99f, 1e-8f, 0f, 0f, false),
                new RmsPropRule(0.01f, 0.9f, 1e-6f, 0.01f, 0.9f, true)}) {
            float[] wWant = ax.clone(), wGot = ax.clone(), vWant = positive.clone(), vGot = positive.clone();
            float[] aWant = ay.clone(), aGot = ay.clone(), bWant = ax.clone(), bGot = ax.clone();
            reference.rmsPropUpdate(rule, wWant, signed, vWant, rule.centered() ? aWant : null, rule.usesMomentum() ? bWant : null, 17);
            checks.time(() -> candidate.rmsPropUpdate(rule, wGot, signed, vGot, rule.centered() ? aGot : null,
                    rule.usesMomentum() ? bGot : null, 17));
            checks.time(() -> { candidate.toHost(wGot); candidate.toHost(vGot); candidate.toHost(aGot); candidate.toHost(bGot); });
            String name = "rmsPropUpdate" + (rule.centered() ? " centered" : "") + (rule.usesMomentum() ? " momentum" : "");
            checks.compare(name, wWant, wGot);
            checks.compare(name + " (state)", concat(vWant, aWant, bWant), concat(vGot, aGot, bGot));
        }
        for (float maxNorm : new float[] {0.5f, 100f}) {
            float[] g1Want = ax.clone(), g1Got = ax.clone(), g2Want = cube.clone(), g2Got = cube.clone();
            reference.clipByGlobalNorm(List.of(g1Want, g2Want), maxNorm);
            checks.time(() -> candidate.clipByGlobalNorm(List.of(g1Got, g2Got), maxNorm));
            checks.time(() -> { candidate.toHost(g1Got); candidate.toHost(g2Got); });
            checks.compare("clipByGlobalNorm max " + maxNorm, concat(g1Want, g2Want), concat(g1Got, g2Got));
        }
        checks.compare("leakyRelu", checks.reference(17, y -> reference.leakyRelu(0.1f, signed, y, 17)),
                checks.candidate(17, y -> candidate.leakyRelu(0.1f, signed, y, 17)));
        checks.compare("leakyReluBackward", checks.reference(17, d -> reference.leakyReluBackward(0.1f, signed, ax, d, 17)),
                checks.candidate(17, d -> candidate.leakyReluBackward(0.1f, signed, ax, d, 17)));
        float[] lanes = random(rnd, 3 * 5 * 2), lanesGrad = random(rnd, 3 * 5 * 2);
        float[] softWant = checks.reference(30, y -> reference.softmax(lanes, 3, 5, 2, y));
        checks.compare("softmax", softWant, checks.candidate(30, y -> candidate.softmax(lanes, 3, 5, 2, y)));
        checks.compare("softmaxBackward", checks.reference(30, d -> reference.softmaxBackward(softWant, lanesGrad, 3, 5, 2, d)),
                checks.candidate(30, d -> candidate.softmaxBackward(softWant, lanesGrad, 3, 5, 2, d)));
        float[] logSoftWant = checks.reference(30, y -> reference.logSoftmax(lanes, 3, 5, 2, y));
        checks.compare("logSoftmax", logSoftWant, checks.candidate(30, y -> candidate.logSoftmax(lanes, 3, 5, 2, y)));
        checks.compare("logSoftmaxBackward", checks.reference(30, d -> reference.logSoftmaxBackward(logSoftWant, lanesGrad, 3, 5, 2, d)),
                checks.candidate(30, d -> candidate.logSoftmaxBackward(logSoftWant, lanesGrad, 3, 5, 2, d)));
        float[] scores = random(rnd, 7 * 4);
        scores[4] = scores[5]; // a tie: the first wins
        int[] classes = {0, 1, 2, 3, 3, 2, 1};
        float[] wrongWant = {reference.misclassified(scores, classes, 7, 4), reference.misclassified(scores, classes, 7, 1)};
        float[] wrongGot = {checks.timed(() -> candidate.misclassified(scores, classes, 7, 4)),
                checks.timed(() -> candidate.misclassified(scores, classes, 7, 1))};
        checks.compare("misclassified", wrongWant, wrongGot);
        checks.compareBits("dropoutMask", checks.reference(37, mask -> reference.dropoutMask(0x1234_5678_9ABC_DEF0L, 0.7f, mask, 37)),
                checks.candidate(37, mask -> candidate.dropoutMask(0x1234_5678_9ABC_DEF0L, 0.7f, mask, 37)));
        float[] bnX = random(rnd, 3 * 4 * 5), gammaRow = random(rnd, 4), betaRow = random(rnd, 4), bnG = random(rnd, 3 * 4 * 5);
        float[][] bnWant = {new float[60], new float[4], new float[4], new float[4], new float[60]};
        float[][] bnGot = {new float[60], new float[4], new float[4], new float[4], new float[60]};
        reference.batchNormForward(bnX, gammaRow, betaRow, 3, 4, 5, 1e-5f, bnWant[0], bnWant[1], bnWant[2], bnWant[3], bnWant[4]);
        checks.time(() -> candidate.batchNormForward(bnX, gammaRow, betaRow, 3, 4, 5, 1e-5f, bnGot[0], bnGot[1], bnGot[2], bnGot[3], bnGot[4]));
        checks.time(() -> { for (float[] out : bnGot) candidate.toHost(out); });
        checks.compare("batchNormForward", concat(bnWant), concat(bnGot));
        float[][] bnBackWant = {new float[60], new float[4], new float[4]}, bnBackGot = {new float[60], new float[4], new float[4]};
        reference.batchNormBackward(bnG, bnWant[0], gammaRow, bnWant[1], 3, 4, 5, bnBackWant[0], bnBackWant[1], bnBackWant[2]);
        checks.time(() -> candidate.batchNormBackward(bnG, bnWant[0], gammaRow, bnWant[1], 3, 4, 5, bnBackGot[0], bnBackGot[1], bnBackGot[2]));
        checks.time(() -> { for (float[] out : bnBackGot) candidate.toHost(out); });
        checks.compare("batchNormBackward", concat(bnBackWant), concat(bnBackGot));

        float smoothing = 0.1f;
        float[] spWant = new float[15], spGot = new float[15];
        double sLossWant = reference.smoothedCrossEntropy(logits, labels, 3, 5, smoothing, spWant);
        double sLossGot = checks.timed(() -> candidate.smoothedCrossEntropy(logits, labels, 3, 5, smoothing, spGot));
        checks.time(() -> candidate.toHost(spGot));
        checks.compare("smoothedCrossEntropy", spWant, spGot);
        checks.compare("smoothedCrossEntropy (loss)", new float[] {(float) sLossWant}, new float[] {(float) sLossGot});
        checks.compare("smoothedCrossEntropyBackward",
                checks.reference(15, d -> reference.smoothedCrossEntropyBackward(spWant, labels, 3, 5, smoothing, 0.25f, d)),
                checks.candidate(15, d -> candidate.smoothedCrossEntropyBackward(spWant, labels, 3, 5, smoothing, 0.25f, d)));

        // A 2×3×5 block read as its 5×2×3 transpose from offset 1: a permutation's strides.
        float[] block = random(rnd, 1 + 30);
        int[] permuted = {5, 2, 3}, permutedStrides = {1, 15, 5};
        checks.compare("copyStrided", checks.reference(30, out -> reference.copyStrided(block, 1, permutedStrides, out, permuted)),
                checks.candidate(30, out -> candidate.copyStrided(block, 1, permutedStrides, out, permuted)));
        List<float[]> parts = List.of(random(rnd, 3 * 2 * 2), random(rnd, 3 * 1 * 2), random(rnd, 3 * 4 * 2));
        int[] partLens = {2, 1, 4};
        checks.compare("concat", checks.reference(42, out -> reference.concat(parts, partLens, 3, 2, out)),
                checks.candidate(42, out -> candidate.concat(parts, partLens, 3, 2, out)));
        // Lanes 3×5×2 picked at 7 positions with repeats, and summed back: position 1 three times, 4 never.
        int[] picks = {2, 0, 2, 1, 3, 1, 1}, starts = {0, 1, 4, 6, 7, 7}, readers = {1, 3, 5, 6, 0, 2, 4};
        float[] picked = checks.reference(42, out -> reference.gatherSum(cube, 3, 5, 2, null, picks, 7, out));
        checks.compare("gatherSum", picked, checks.candidate(42, out -> candidate.gatherSum(cube, 3, 5, 2, null, picks, 7, out)));
        checks.compare("gatherSum (summed)", checks.reference(30, out -> reference.gatherSum(picked, 3, 7, 2, starts, readers, 5, out)),
                checks.candidate(30, out -> candidate.gatherSum(picked, 3, 7, 2, starts, readers, 5, out)));

        // Ties, NaN and ±0 against a row broadcast over 3×4: every branch of the relations and of where.
        float[] relLeft = random(rnd, 12), relRow = {0.5f, Float.NaN, -0f, 0.25f};
        relLeft[0] = 0.5f; relLeft[3] = Float.NaN; relLeft[6] = 0f; relLeft[11] = 0.25f;
        for (Relation relation : Relation.values())
            checks.compare("compare " + relation,
                    checks.reference(12, out -> reference.compare(relation, relLeft, matrixStrides, relRow, rowStrides, out, shape)),
                    checks.candidate(12, out -> candidate.compare(relation, relLeft, matrixStrides, relRow, rowStrides, out, shape)));
        float[] pick = {1, 0, 0.5f, 0, 0, 1, Float.NaN, 0, 1, 1, 0, -0f};
        checks.compare("where", checks.reference(12, out -> reference.where(pick, relLeft, matrixStrides, relRow, rowStrides, out, shape)),
                checks.candidate(12, out -> candidate.where(pick, relLeft, matrixStrides, relRow, rowStrides, out, shape)));

        // Lanes 3×5×2 with a tie in one lane and a NaN in another.
        float[] ranked = cube.clone();
        ranked[2] = ranked[6] = 2f;
        ranked[13] = Float.NaN;
        for (boolean smallest : new boolean[] {false, true}) {
            float[] valWant = new float[6], valGot = new float[6];
            int[] posWant = new int[6], posGot = new int[6];
            reference.extremeAlong(smallest, ranked, 3, 5, 2, valWant, posWant);
            checks.time(() -> candidate.extremeAlong(smallest, ranked, 3, 5, 2, valGot, posGot));
            checks.time(() -> { candidate.toHost(valGot); candidate.toHost(posGot); });
            String name = "extremeAlong" + (smallest ? " smallest" : " largest");
            checks.compare(name, valWant, valGot);
            checks.compareIndices(name + " (positions)", posWant, posGot);
        }
        int[] chosen = {4, 0, 2, 2, 1, 3};
        checks.compare("takeAlong", checks.reference(6, out -> reference.takeAlong(cube, chosen, 3, 5, 2, out)),
                checks.candidate(6, out -> candidate.takeAlong(cube, chosen, 3, 5, 2, out)));
        float[] laneGrad = random(rnd, 6);
        checks.compare("placeAlong", checks.reference(30, dx -> reference.placeAlong(laneGrad, chosen, 3, 5, 2, dx)),
                checks.candidate(30, dx -> candidate.placeAlong(laneGrad, chosen, 3, 5, 2, dx)));

        float[] margins = signed.clone(), signs = new float[17];
        margins[3] = 120f; margins[9] = -120f; // beyond where exp overflows in float
        for (int i = 0; i < 17; i++) signs[i] = i % 3 == 0 ? -1f : 1f;
        double logisticWant = reference.logisticLoss(margins, signs, 17);
        double logisticGot = checks.timed(() -> candidate.logisticLoss(margins, signs, 17));
        checks.compare("logisticLoss", new float[] {(float) logisticWant}, new float[] {(float) logisticGot});
        checks.compare("logisticLossBackward", checks.reference(17, d -> reference.logisticLossBackward(margins, signs, 17, 0.5f, d)),
                checks.candidate(17, d -> candidate.logisticLossBackward(margins, signs, 17, 0.5f, d)));

        for (float p : new float[] {2.5f, 3f, 0f}) {
            float[] base = p == 3f ? signed : positive;
            checks.compare("powBackward p=" + p, checks.reference(17, dx -> reference.powBackward(p, base, ax, dx, 17)),
                    checks.candidate(17, dx -> candidate.powBackward(p, base, ax, dx, 17)));
        }
        float[] bases = positive.clone();
        bases[5] = 0f;
        checks.compare("powExponentSlope", checks.reference(17, out -> reference.powExponentSlope(bases, ay, out, 17)),
                checks.candidate(17, out -> candidate.powExponentSlope(bases, ay, out, 17)));
    }

    /** Collects results; times the candidate's calls between two comparisons. */
    private static final class Checks {
        final Backend candidate;
        final List<Result> results = new ArrayList<>();
        long nanos;

        Checks(Backend candidate) {
            this.candidate = candidate;
        }

        /** The output of one candidate kernel call, fetched from wherever the backend keeps it. */
        float[] candidate(int size, Consumer<float[]> kernel) {
            float[] out = new float[size];
            time(() -> { kernel.accept(out); candidate.toHost(out); });
            return out;
        }

        float[] reference(int size, Consumer<float[]> kernel) {
            float[] out = new float[size];
            kernel.accept(out);
            return out;
        }

        void time(Runnable call) {
            timed(() -> { call.run(); return null; });
        }

        <T> T timed(Supplier<T> call) {
            long start = System.nanoTime();
            try {
                return call.get();
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        void compare(String kernel, float[] want, float[] got) {
            double maxError = 0, used = 0;
            String problem = null;
            for (int i = 0; i < want.length; i++) {
                float tol = ABS + REL * Math.abs(want[i]);
                boolean bothNaN = Float.isNaN(want[i]) && Float.isNaN(got[i]);
                if (bothNaN) continue;
                double error = Math.abs((double) got[i] - want[i]);
                if (!(error <= tol)) {
                    if (problem == null) problem = kernel + ": element " + i + " is " + got[i] + " but the reference gives "
                            + want[i] + " (tolerance " + tol + ")";
                    if (Double.isNaN(error)) error = Double.POSITIVE_INFINITY;
                }
                maxError = Math.max(maxError, error);
                used = Math.max(used, error / tol);
            }
            add(kernel, maxError, used, problem);
        }

        /** Bit for bit: a kernel whose output is a pure function of integers (a mask). */
        void compareBits(String kernel, float[] want, float[] got) {
            compareExactly(kernel, Arrays.equals(want, got), Arrays.toString(want), Arrays.toString(got));
        }

        void compareIndices(String kernel, int[] want, int[] got) {
            compareExactly(kernel, Arrays.equals(want, got), Arrays.toString(want), Arrays.toString(got));
        }

        private void compareExactly(String kernel, boolean same, String want, String got) {
            add(kernel, same ? 0 : Double.POSITIVE_INFINITY, same ? 0 : Double.POSITIVE_INFINITY,
                    same ? null : kernel + ": " + got + " differs from the reference " + want);
        }

        void threw(RuntimeException e) {
            String after = results.isEmpty() ? "the first kernel" : "the kernel after " + results.get(results.size() - 1).kernel();
            add("(exception)", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, after + " threw " + e);
        }

        private void add(String kernel, double maxError, double used, String problem) {
            results.add(new Result(kernel, maxError, used, problem, nanos));
            nanos = 0;
        }
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] all = new float[n];
        n = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, n, p.length);
            n += p.length;
        }
        return all;
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
