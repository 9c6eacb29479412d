package nnrun.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import nnrun.autodiff.GradCheck;
import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;

/**
 * tinygrad-style: one helper checks every op's VJP and JVP against finite differences, on
 * random shapes (seeded, so every run sees the same ones) and with broadcasting both ways for
 * the binary ops. Inputs are drawn away from each op's kinks and poles.
 */
class GradCheckEveryOpTest {
    private final Generator rng = new Generator(2024);
    private final List<DynamicTest> tests = new ArrayList<>();

    /** Registers one gradcheck: the name shows the op and the input shapes. */
    private void op(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        StringBuilder shapes = new StringBuilder();
        for (Tensor t : inputs) shapes.append(' ').append(java.util.Arrays.toString(t.shape()));
        tests.add(DynamicTest.dynamicTest(name + shapes, () -> {
            GradCheck.Report report = GradCheck.check(f, inputs);
            assertTrue(report.passed(), name + ": " + report);
        }));
    }

    // ------------------------------------------------------------ inputs

    /** Rank 1 to 3, sizes 1 to 4, at least 4 elements (so no round degenerates to a scalar). */
    private int[] randomShape() {
        while (true) {
            int[] s = new int[1 + rng.nextInt(3)];
            for (int d = 0; d < s.length; d++) s[d] = 1 + rng.nextInt(4);
            if (nnrun.autodiff.Shapes.numel(s) >= 4) return s;
        }
    }

    /** A shape that broadcasts to s: some leading axes dropped, some axes set to 1. */
    private int[] broadcastable(int[] s) {
        int drop = rng.nextInt(s.length);
        int[] b = java.util.Arrays.copyOfRange(s, drop, s.length);
        for (int d = 0; d < b.length; d++) if (rng.nextInt(2) == 0) b[d] = 1;
        return b;
    }

    /** s with every other axis set to 1, complementing `broadcastable`: both operands then stretch. */
    private int[] alternatingOnes(int[] s) {
        int[] a = s.clone();
        for (int d = s.length % 2; d < a.length; d += 2) a[d] = 1;
        return a;
    }

    private int randomAxis(int rank) { return rng.nextInt(2 * rank) - rank; }

    private Tensor normal(int... shape) { return Tensor.randn(rng, shape); }

    private Tensor positive(int... shape) { return Tensor.rand(rng, 0.5f, 2f, shape); }

    /** |x| in [0.2, 2): away from the kinks of abs and relu and the pole of 1/x. */
    private Tensor awayFromZero(int... shape) {
        Tensor t = Tensor.rand(rng, 0.2f, 2f, shape);
        float[] v = t.mutableData();
        for (int i = 0; i < v.length; i++) if (rng.nextInt(2) == 0) v[i] = -v[i];
        return t;
    }

    /** Multiples of 0.1 plus an offset: two lattices with different offsets never tie. */
    private Tensor lattice(float offset, int... shape) {
        Tensor t = normal(shape);
        float[] v = t.mutableData();
        for (int i = 0; i < v.length; i++) v[i] = Math.round(v[i] * 10) / 10f + offset;
        return t;
    }

    /** Distinct values 0.1 apart in random order: no ties for max. */
    private Tensor distinct(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] v = t.mutableData();
        for (int i = 0; i < v.length; i++) v[i] = 0.1f * i;
        for (int i = v.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float tmp = v[i]; v[i] = v[j]; v[j] = tmp;
        }
        return t;
    }

    private Tensor mask(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) t.mutableData()[i] = rng.nextInt(2);
        return t;
    }

    // ------------------------------------------------------------ the ops

    @TestFactory
    Stream<DynamicTest> everyOp() {
        for (int round = 0; round < 4; round++) {
            int[] s = randomShape(), b = broadcastable(s);
            // [3, 1] and [1, 4] style: each operand broadcasts along an axis of the other.
            int[] p = alternatingOnes(s), q = s.clone();
            for (int d = 0; d < q.length; d++) if (p[d] != 1) q[d] = 1;
            op("add both ways", x -> x[0].add(x[1]), normal(p), normal(q));
            op("mul both ways", x -> x[0].mul(x[1]), normal(p), normal(q));
            op("div both ways", x -> x[0].div(x[1]), normal(p), awayFromZero(q));
            op("maximum both ways", x -> x[0].maximum(x[1]), lattice(0.03f, p), lattice(0.08f, q));
            op("add", x -> x[0].add(x[1]), normal(s), normal(b));
            op("add", x -> x[0].add(x[1]), normal(b), normal(s));
            op("sub", x -> x[0].sub(x[1]), normal(s), normal(b));
            op("sub", x -> x[0].sub(x[1]), normal(b), normal(s));
            op("mul", x -> x[0].mul(x[1]), normal(s), normal(b));
            op("mul", x -> x[0].mul(x[1]), normal(b), normal(s));
            op("div", x -> x[0].div(x[1]), normal(s), awayFromZero(b));
            op("div", x -> x[0].div(x[1]), normal(b), awayFromZero(s));
            op("pow tensor", x -> x[0].pow(x[1]), positive(s), normal(b));
            op("pow tensor", x -> x[0].pow(x[1]), positive(b), normal(s));
            op("maximum", x -> x[0].maximum(x[1]), lattice(0.03f, s), lattice(0.08f, b));
            op("minimum", x -> x[0].minimum(x[1]), lattice(0.03f, b), lattice(0.08f, s));
            Tensor m = mask(s);
            op("where", x -> Tensor.where(m, x[0], x[1]), normal(s), normal(b));
            op("where", x -> Tensor.where(m, x[0], x[1]), normal(b), normal(s));

            op("neg", x -> x[0].neg(), normal(s));
            op("exp", x -> x[0].exp(), normal(s));
            op("log", x -> x[0].log(), positive(s));
            op("sqrt", x -> x[0].sqrt(), positive(s));
            op("abs", x -> x[0].abs(), awayFromZero(s));
            op("sin", x -> x[0].sin(), normal(s));
            op("cos", x -> x[0].cos(), normal(s));
            op("tanh", x -> x[0].tanh(), normal(s));
            op("sigmoid", x -> x[0].sigmoid(), normal(s));
            op("relu", x -> x[0].relu(), awayFromZero(s));
            op("leakyRelu", x -> x[0].leakyRelu(0.1f), awayFromZero(s));
            op("pow 3", x -> x[0].pow(3f), normal(s));
            op("pow -1.5", x -> x[0].pow(-1.5f), positive(s));

            int axis = randomAxis(s.length);
            boolean keepDim = round % 2 == 0;
            op("sum", x -> x[0].sum(), normal(s));
            op("sum axis " + axis, x -> x[0].sum(axis, keepDim), normal(s));
            op("mean", x -> x[0].mean(), normal(s));
            op("mean axis " + axis, x -> x[0].mean(axis, !keepDim), normal(s));
            op("variance", x -> x[0].variance(), normal(s));
            op("variance axis " + axis, x -> x[0].variance(axis, true), normal(s));
            op("max", x -> x[0].max(), distinct(s));
            op("max axis " + axis, x -> x[0].max(axis, keepDim), distinct(s));
            op("min axis " + axis, x -> x[0].min(axis, true), distinct(s));
            op("min", x -> x[0].min(), distinct(s));
            op("softmax axis " + axis, x -> x[0].softmax(axis), normal(s));
            op("logSoftmax axis " + axis, x -> x[0].logSoftmax(axis), normal(s));

            int n = s[Math.floorMod(axis, s.length)];
            int[] picks = {n - 1, 0, n - 1};
            op("indexSelect axis " + axis, x -> x[0].indexSelect(axis, picks), normal(s));
            op("slice axis " + axis, x -> x[0].slice(axis, 0, n, 2), normal(s));
            int[] other = s.clone();
            other[Math.floorMod(axis, s.length)] = 1 + rng.nextInt(3);
            op("concat axis " + axis, x -> Tensor.concat(axis, x[0], x[1], x[0]), normal(s), normal(other));
            Tensor index = Tensor.zeros(s);
            for (int i = 0; i < index.numel(); i++) index.mutableData()[i] = rng.nextInt(n);
            op("gather axis " + axis, x -> x[0].gather(axis, index), normal(s));

            op("reshape", x -> x[0].reshape(-1), normal(s));
            op("permute", x -> x[0].reshape(1, -1, 1).permute(2, 0, 1).mul(x[0].sum()), normal(s));
        }
        op("transpose", x -> x[0].transpose(0, 2), normal(2, 3, 4));
        op("matmul 2-D", x -> x[0].matmul(x[1]), normal(3, 4), normal(4, 2));
        op("matmul batched", x -> x[0].matmul(x[1]), normal(2, 3, 4), normal(2, 4, 5));
        op("matmul batch x shared", x -> x[0].matmul(x[1]), normal(2, 3, 4), normal(4, 5));
        op("linear x·Wᵀ + b", x -> LinearOp.apply(x[0], x[1], x[2]), normal(3, 4), normal(5, 4), normal(5));
        op("linear without bias", x -> LinearOp.apply(x[0], x[1], null), normal(3, 4), normal(5, 4));
        op("matmul shared x batch", x -> x[0].matmul(x[1]), normal(3, 4), normal(2, 4, 5));
        // An index smaller than the input off the gathered axis, longer along it, with repeats.
        Tensor rowPicks = Tensor.matrix(new float[][] {{2, 0, 2, 1, 1}, {0, 0, 1, 2, 2}});
        op("gather smaller index", x -> x[0].gather(1, rowPicks), normal(4, 3));
        int[] labels = {2, 0, 1, 2};
        op("crossEntropy", x -> x[0].crossEntropy(labels), normal(4, 3));
        Tensor signs = Tensor.vector(1, -1, -1, 1, 1);
        op("logisticLoss", x -> x[0].logisticLoss(signs), normal(5));
        return tests.stream();
    }
}
