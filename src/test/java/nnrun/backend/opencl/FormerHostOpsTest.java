package nnrun.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import nnrun.autodiff.Generator;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.backend.DeviceTime;
import nnrun.backend.ReferenceBackend;
import nnrun.ops.SoftmaxCrossEntropy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Small graphs of the ops that once computed on the host (permute, concat, slice, gather, index select,
 * max and min whole and along an axis, where, maximum, minimum, the comparisons, both powers, the
 * logistic loss, label-smoothed cross-entropy, a sum's VJP, abs's VJP), forward and backward on OpenCL: not one
 * host fallback, and the reference backend's values and gradients. Each graph runs twice in a memory
 * scope, so the second run gets the first one's released arrays with their stale values, as a training
 * step does.
 */
class FormerHostOpsTest {

    /** A graph of the inputs (made to require gradients); a scalar result is differentiated. */
    private record Graph(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {}

    /** The result's values followed by each input's gradient, as the host reads them. */
    private record Outcome(List<float[]> values, DeviceTime device) {}

    @TestFactory
    Stream<DynamicTest> formerHostOpsStayOnTheDeviceAndAgreeWithTheReference() {
        Generator rng = new Generator(17);
        Tensor cube = Tensor.randn(rng, 3, 4, 5), tall = Tensor.randn(rng, 4, 9, 3), ties = fewValues(rng, 4, 7);
        Tensor positive = Tensor.rand(rng, 0.2f, 2f, 3, 4), exponent = Tensor.rand(rng, 0.5f, 2f, 4);
        List<Graph> graphs = List.of(
                new Graph("permute", x -> weighted(x[0].permute(2, 0, 1), 1), cube),
                new Graph("transpose", x -> weighted(x[0].transpose(0, 2), 2), cube),
                new Graph("concat", x -> weighted(Tensor.concat(1, x[0], x[1], x[2]), 3),
                        Tensor.randn(rng, 2, 3, 4), Tensor.randn(rng, 2, 1, 4), Tensor.randn(rng, 2, 5, 4)),
                new Graph("slice with a step", x -> weighted(x[0].slice(1, 1, 8, 3), 4), tall),
                new Graph("slice from the end", x -> weighted(x[0].slice(-1, -2, 3), 5), tall),
                new Graph("gather with repeats", x -> weighted(x[0].gather(1, new int[][] {{5, 5, 0, 2}, {1, 1, 1, 3}, {0, 4, 4, 5}}), 6),
                        Tensor.randn(rng, 3, 6)),
                new Graph("index_select with repeats", x -> weighted(x[0].indexSelect(1, 2, 0, 2, 3, 2), 7), cube),
                new Graph("max and min with ties", x -> x[0].max().add(x[0].min().mul(2f)), ties),
                new Graph("max and min along an axis", x -> weighted(x[0].max(1, true), 8).add(weighted(x[0].min(0, false), 9)), ties),
                new Graph("where with a broadcast side", x -> weighted(Tensor.where(x[0].gt(0f), x[0], x[1].mul(2f)), 10),
                        Tensor.randn(rng, 3, 4), Tensor.randn(rng, 4)),
                new Graph("maximum with ties", x -> weighted(x[0].maximum(x[1]), 11), fewValues(rng, 3, 4), fewValues(rng, 4)),
                new Graph("minimum with ties", x -> weighted(x[0].minimum(x[1]), 12), fewValues(rng, 3, 4), fewValues(rng, 3, 1)),
                new Graph("compare", x -> x[0].gt(x[1]).add(x[0].lt(x[1]).mul(2f)), fewValues(rng, 3, 4), fewValues(rng, 4)),
                new Graph("pow", x -> weighted(x[0].pow(2.5f), 13).add(weighted(x[1].pow(3f), 14)), positive, cube),
                new Graph("pow with a tensor exponent", x -> weighted(x[0].pow(x[1]), 15), positive, exponent),
                new Graph("logistic loss", x -> x[0].logisticLoss(Tensor.vector(1, -1, -1, 1, 1, -1).reshape(2, 3)),
                        Tensor.randn(rng, 2, 3).mul(4f).detach()),
                new Graph("a sum inside the graph", x -> weighted(x[0].mul(x[0].sum()), 16), Tensor.randn(rng, 3, 5)),
                new Graph("abs with zeros", x -> weighted(x[0].abs(), 17), Tensor.vector(-1.5f, 0f, 2f, -0f, 0.25f, -3f).reshape(2, 3)),
                new Graph("label-smoothed cross-entropy", x -> SoftmaxCrossEntropy.apply(x[0], new int[] {3, 0, 4, 4}, 0.1f),
                        Tensor.randn(rng, 4, 5)));
        OpenClBackend cl = PoclDevice.backend();
        List<DynamicTest> tests = new ArrayList<>();
        for (Graph g : graphs)
            tests.add(DynamicTest.dynamicTest(g.name(), () -> {
                Backend before = Backends.current();
                try {
                    List<float[]> want = run(new ReferenceBackend(), null, g).values();
                    for (int round = 1; round <= 2; round++) {
                        Outcome got = run(cl, cl, g);
                        assertEquals(0, got.device().hostFallbacks(), g.name() + " round " + round + ": " + got.device().summary());
                        assertAgrees(g.name() + " round " + round, want, got.values());
                    }
                } finally {
                    Backends.use(before);
                }
            }));
        return tests.stream();
    }

    /** Forward, and backward for a scalar result, in one memory scope; device counters around both, not the readout. */
    private static Outcome run(Backend backend, OpenClBackend measured, Graph g) {
        Backends.use(backend);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor[] in = new Tensor[g.inputs().length];
            for (int i = 0; i < in.length; i++) in[i] = Tensor.of(g.inputs()[i].toArray(), g.inputs()[i].shape()).requiresGrad(true);
            DeviceTime start = measured == null ? null : measured.stats();
            Tensor y = g.f().apply(in);
            if (y.requiresGrad()) y.backward();
            DeviceTime device = measured == null ? null : measured.stats().minus(start);
            List<float[]> values = new ArrayList<>();
            values.add(y.toArray());
            for (Tensor t : in) values.add(t.grad() == null ? new float[0] : t.grad().toArray());
            return new Outcome(values, device);
        }
    }

    /** Σ y·w with fixed random weights w, so every element's gradient differs. */
    private static Tensor weighted(Tensor y, long seed) {
        return y.mul(Tensor.randn(new Generator(seed), y.shape())).sum();
    }

    /** Values from {-1, 0, 0.5, 2}: ties everywhere, so the first-of-ties rules and the ½–½ splits matter. */
    private static Tensor fewValues(Generator rng, int... shape) {
        float[] pool = {-1f, 0f, 0.5f, 2f};
        Tensor t = Tensor.zeros(shape);
        float[] v = t.mutableData();
        for (int i = 0; i < v.length; i++) v[i] = pool[rng.nextInt(pool.length)];
        return t;
    }

    private static void assertAgrees(String what, List<float[]> want, List<float[]> got) {
        for (int k = 0; k < want.size(); k++) {
            String part = k == 0 ? "value" : "gradient of input " + (k - 1);
            if (want.get(k).length != got.get(k).length)
                fail(what + ": " + part + " has " + got.get(k).length + " elements, not " + want.get(k).length);
            for (int i = 0; i < want.get(k).length; i++) {
                float w = want.get(k)[i], v = got.get(k)[i];
                if (Float.compare(w, v) != 0 && !(Math.abs(w - v) <= 1e-5 + 1e-4 * Math.abs(w)))
                    fail(what + ": " + part + "[" + i + "] is " + v + " on OpenCL, " + w + " on the reference");
            }
        }
    }
}
