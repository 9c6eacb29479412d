package nnrun.run;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.backend.ReferenceBackend;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;
import nnrun.nn.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training step hands every array it allocated back to the backend when it ends, and the
 * trainer hands back the batch, for the next step to reuse. Nothing may be read or written after
 * it went back, and an array allocated without zeroing must be written in full before it is read:
 * training with reuse ends bit for bit where training without it does, and so does training on a
 * backend that fills every released array with NaN and never reuses it, and hands out new arrays
 * full of NaN (either mistake would spread NaN into the weights).
 */
class StepMemoryReuseTest {
    private static final int BATCH = 6, STEPS = 4;
    private final Backend before = Backends.current();

    @AfterEach
    void restoreBackend() {
        Backends.use(before);
    }

    /** Keeps nothing: every array is fresh, as before there was a cache. */
    private static class NoReuse extends ReferenceBackend {
        @Override public void release(float[] array) {}

        @Override public void release(int[] array) {}
    }

    /** Poisons what it takes back and never hands it out again; what it hands out is poison until written. */
    private static final class Poisoning extends NoReuse {
        int released;

        @Override public float[] allocate(int n) {
            float[] a = new float[n];
            Arrays.fill(a, Float.NaN);
            return a;
        }

        @Override public int[] allocateIndices(int n) {
            int[] a = new int[n];
            Arrays.fill(a, Integer.MIN_VALUE);
            return a;
        }

        @Override public void release(float[] array) {
            Arrays.fill(array, Float.NaN);
            released++;
        }

        @Override public void release(int[] array) {
            Arrays.fill(array, Integer.MIN_VALUE);
            released++;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "mnist_fcnn    |",
            "mnist_convnet |",
            "cifar_convnet |",
            "mnist_fcnn    | optimizer={name: adam, lr: 0.001, weight_decay: 0.01}",
            "mnist_fcnn    | optimizer.clip_norm=0.5",
            "mnist_fcnn    | model.2={leaky_relu: {slope: 0.1}}",
            "mnist_fcnn    | model.4=softmax",
    })
    void reusingReleasedArraysChangesNoWeight(String config, String override) {
        ExperimentConfig parsed = ConfigLoader.load(Path.of("configs", config + ".yaml"),
                override == null ? List.of() : List.of(override));
        Map<String, Tensor> fresh = train(new NoReuse(), parsed);
        Map<String, Tensor> reused = train(new ReferenceBackend(), parsed);
        Poisoning poisoning = new Poisoning();
        Map<String, Tensor> poisoned = train(poisoning, parsed);
        assertTrue(poisoning.released > STEPS * 10, "the steps released only " + poisoning.released + " arrays");
        for (String name : fresh.keySet()) {
            assertArrayEquals(fresh.get(name).toArray(), reused.get(name).toArray(), config + " " + name + " with reuse");
            assertArrayEquals(fresh.get(name).toArray(), poisoned.get(name).toArray(), config + " " + name + " with poison");
        }
    }

    /** Evaluation's inference: each activation goes back once the next layer has it, and the outputs do not change. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mnist_fcnn", "cifar_convnet"})
    void inferenceReleasesEachActivationAsSoonAsTheNextLayerHasIt(String config) {
        ExperimentConfig parsed = ConfigLoader.load(Path.of("configs", config + ".yaml"), List.of());
        float[] fresh = infer(new NoReuse(), parsed, new int[1]);
        Poisoning poisoning = new Poisoning();
        int[] releasedBeforeTheEnd = new int[1];
        float[] poisoned = infer(poisoning, parsed, releasedBeforeTheEnd);
        assertArrayEquals(fresh, poisoned, config + " outputs with every released array poisoned");
        int layers = plan(poisoning, parsed).model().orElseThrow().size();
        assertTrue(releasedBeforeTheEnd[0] >= layers - 3, "released before the batch ended: " + releasedBeforeTheEnd[0]
                + " arrays of a " + layers + "-layer model");
    }

    private static float[] infer(Backend backend, ExperimentConfig config, int[] releasedBeforeTheEnd) {
        ExperimentPlan plan = plan(backend, config);
        Sequential model = plan.model().orElseThrow();
        model.eval();
        int[] shape = plan.inputShape();
        int[] batchShape = new int[shape.length + 1];
        batchShape[0] = BATCH;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        Tensor x = Tensor.randn(new Generator(3), batchShape);
        try (var off = nnrun.autodiff.GradMode.off(); nnrun.autodiff.MemoryScope batch = nnrun.autodiff.MemoryScope.open()) {
            float[] out = model.forward(x).toArray();
            if (backend instanceof Poisoning p) releasedBeforeTheEnd[0] = p.released;
            return out;
        }
    }

    private static ExperimentPlan plan(Backend backend, ExperimentConfig config) {
        Backends.use(backend);
        return ExperimentPlan.of(config);
    }

    private static Map<String, Tensor> train(Backend backend, ExperimentConfig config) {
        return ConfigTraining.train(backend, config, BATCH, STEPS, 11, Runnable::run).state();
    }
}
