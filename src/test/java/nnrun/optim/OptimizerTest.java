package nnrun.optim;

import nnrun.config.ComponentSpec;
import nnrun.config.ConfigException;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import nnrun.autodiff.Tensor;

/**
 * Two steps of each optimizer from w = [1, −2, 3] with gradients g1 then g2, against PyTorch 1.13
 * (scripts/torch_reference_numbers.py). The second step exercises the momentum and moment buffers.
 */
class OptimizerTest {
    private static final float[] G1 = {0.1f, -0.2f, 0.3f}, G2 = {-0.5f, 0.4f, 0.05f};

    private static void assertTwoSteps(Function<Map<String, Tensor>, Optimizer> make, float[] afterStep1, float[] afterStep2) {
        Tensor w = Tensor.vector(1, -2, 3).requiresGrad(true);
        Optimizer opt = make.apply(Map.of("w", w));
        step(opt, w, G1);
        assertArrayEquals(afterStep1, w.toArray(), 1e-6f, "after step 1");
        step(opt, w, G2);
        assertArrayEquals(afterStep2, w.toArray(), 1e-6f, "after step 2");
    }

    /** Gives w the gradient g (as backward would) and steps. */
    private static void step(Optimizer opt, Tensor w, float[] g) {
        opt.zeroGrad();
        w.mul(Tensor.vector(g)).sum().backward();
        opt.step();
    }

    @Test
    void sgdWithMomentumAndWeightDecay() {
        // By hand, step 1: g = 0.1 + 0.01·1 = 0.11, buffer = g, w = 1 − 0.1·0.11 = 0.989.
        assertTwoSteps(p -> new Sgd(p, 0.1, 0.9, 0, false, 0.01),
                new float[] {0.98900002f, -1.978f, 2.967f}, new float[] {1.028111f, -1.996222f, 2.929333f});
    }

    @Test
    void sgdNesterov() {
        assertTwoSteps(p -> new Sgd(p, 0.1, 0.9, 0, true, 0),
                new float[] {0.98100001f, -1.962f, 2.9430001f}, new float[] {1.0679001f, -2.0218f, 2.9092002f});
    }

    @Test
    void adamWithL2WeightDecay() {
        // Step 1 of Adam moves every weight by lr against the sign of its gradient: m̂/√v̂ = ±1.
        assertTwoSteps(p -> new Adam(p, 0.1, 0.9, 0.999, 1e-8, 0.01),
                new float[] {0.90000004f, -1.9f, 2.9000001f}, new float[] {0.95797408f, -1.9309562f, 2.8175044f});
    }

    @Test
    void adamWWithDecoupledWeightDecay() {
        assertTwoSteps(p -> new AdamW(p, 0.1, 0.9, 0.999, 1e-8, 0.1),
                new float[] {0.88999999f, -1.88f, 2.8700001f}, new float[] {0.94093543f, -1.8978103f, 2.7629676f});
    }

    @Test
    void rmsProp() {
        assertTwoSteps(p -> new RmsProp(p, 0.01, 0.99, 1e-8, 0, 0, false),
                new float[] {0.9000001f, -1.9000001f, 2.9000001f}, new float[] {0.99807698f, -1.9895324f, 2.8834796f});
    }

    @Test
    void rmsPropCenteredWithMomentumAndWeightDecay() {
        assertTwoSteps(p -> new RmsProp(p, 0.01, 0.99, 1e-8, 0.01, 0.9, true),
                new float[] {0.89949632f, -1.8994963f, 2.8994963f}, new float[] {0.90693027f, -1.8958112f, 2.7854812f});
    }

    @Test
    void optimizersByNameUsePyTorchsOptionNames() {
        assertTwoSteps(p -> byName("adamw", p, Map.of("lr", 0.1, "betas", List.of(0.9, 0.999), "weight_decay", 0.1)),
                new float[] {0.88999999f, -1.88f, 2.8700001f}, new float[] {0.94093543f, -1.8978103f, 2.7629676f});
        ConfigException e = assertThrows(ConfigException.class,
                () -> byName("sgd", Map.of("w", Tensor.zeros(1)), Map.of("lr", 0.1, "momentun", 0.9)));
        assertTrue(e.getMessage().contains("unknown key \"momentun\", did you mean \"momentum\"?"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> byName("lbfgs", Map.of("w", Tensor.zeros(1)), Map.of()));
        assertTrue(e.getMessage().contains("unknown optimizer \"lbfgs\"") && e.getMessage().contains("adam, adamw, rmsprop, sgd"),
                e.getMessage());
    }

    private static Optimizer byName(String name, Map<String, Tensor> params, Map<String, ?> options) {
        return Optimizers.REGISTRY.build(ComponentSpec.of(name, options), (f, o) -> f.create(o, params));
    }

    @Test
    void resumingFromExportedStateIsBitForBitTheSameAsNotStopping() {
        for (String name : List.of("sgd", "adam", "adamw", "rmsprop")) {
            Map<String, Object> options = Map.of("lr", 0.05, "momentum", 0.9);
            if (!name.equals("sgd") && !name.equals("rmsprop")) options = Map.of("lr", 0.05);
            Tensor a = Tensor.vector(1, -2, 3).requiresGrad(true);
            Optimizer straight = byName(name, Map.of("w", a), options);
            step(straight, a, G1);
            step(straight, a, G2);
            step(straight, a, G1);

            Tensor b = Tensor.vector(1, -2, 3).requiresGrad(true);
            Optimizer first = byName(name, Map.of("w", b), options);
            step(first, b, G1);
            OptimizerState saved = first.exportState();
            step(first, b, G2); // changes after the export must not leak into the saved state
            float[] afterTwoSteps = b.toArray();
            Tensor resumedWeights = Tensor.vector(1, -2, 3).requiresGrad(true);
            Optimizer replay = byName(name, Map.of("w", resumedWeights), options);
            step(replay, resumedWeights, G1);
            replay.importState(saved);
            step(replay, resumedWeights, G2);
            assertArrayEquals(afterTwoSteps, resumedWeights.toArray(), name + ": resumed step 2");
            step(replay, resumedWeights, G1);
            assertArrayEquals(a.toArray(), resumedWeights.toArray(), name + ": resumed step 3");
        }
    }

    @Test
    void stateOfAnotherOptimizerIsRefused() {
        Tensor w = Tensor.vector(1, 2).requiresGrad(true);
        OptimizerState adam = new Adam(Map.of("w", w)).exportState();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(Map.of("w", w), 0.1).importState(adam));
        assertTrue(e.getMessage().startsWith("optimizer state was saved by adam, not sgd"), e.getMessage());
    }

    @Test
    void clippingScalesAllGradientsToTheMaximumGlobalNorm() {
        Tensor a = Tensor.vector(0, 0).requiresGrad(true), b = Tensor.vector(0).requiresGrad(true);
        a.mul(Tensor.vector(3, 0)).sum().add(b.mul(Tensor.vector(4)).sum()).backward(); // gradients [3, 0] and [4]: norm 5
        GradClip.byGlobalNorm(List.of(a, b), 1.0);
        assertArrayEquals(new float[] {0.6f, 0f}, a.grad().toArray(), 1e-6f, "scaled by 1/(5 + 1e-6)");
        assertArrayEquals(new float[] {0.8f}, b.grad().toArray(), 1e-6f);
        float[] clippedA = a.grad().toArray(), clippedB = b.grad().toArray();
        GradClip.byGlobalNorm(List.of(a, b), 2.0);
        assertArrayEquals(clippedA, a.grad().toArray(), "norm 1 is below the maximum 2: unchanged");
        assertArrayEquals(clippedB, b.grad().toArray());
    }

    @Test
    void parametersWithoutAGradientAreLeftAlone() {
        Tensor used = Tensor.vector(1).requiresGrad(true), unused = Tensor.vector(5).requiresGrad(true);
        Optimizer opt = new Adam(Map.of("used", used, "unused", unused));
        used.mul(2).sum().backward();
        opt.step();
        assertEquals(5f, unused.item());
        assertFalse(opt.exportState().counters().containsKey("unused/step"));
        assertEquals(1L, opt.exportState().counters().get("used/step"));
    }
}
