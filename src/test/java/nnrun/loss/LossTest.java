package nnrun.loss;

import nnrun.config.ConfigException;

import static nnrun.nn.LayerGradCheck.assertGradients;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nnrun.autodiff.Tensor;
import nnrun.nn.Linear;
import nnrun.nn.Sequential;

/** Loss values against PyTorch (scripts/torch_reference_numbers.py) or hand arithmetic, and their gradients. */
class LossTest {
    /** logits = sin(0..11) as 4×3, labels [0, 2, 1, 2], as in the recording script. */
    private static final Tensor LOGITS = Tensor.arange(12).sin().reshape(4, 3).detachedCopy();
    private static final int[] LABELS = {0, 2, 1, 2};

    @Test
    void crossEntropyMatchesPyTorch() {
        assertEquals(1.5841322f, new CrossEntropyLoss().compute(LOGITS, LABELS).item(), 1e-6);
    }

    @Test
    void labelSmoothingMatchesPyTorch() {
        assertEquals(1.5481573f, new CrossEntropyLoss(0.1).compute(LOGITS, LABELS).item(), 1e-6);
    }

    @Test
    void logisticLossMatchesPyTorchsSoftMarginLossWithPlusMinusOneOrZeroOneLabels() {
        Tensor scores = Tensor.of(new float[] {0, (float) Math.sin(3) * 3, (float) Math.sin(6) * 3, (float) Math.sin(9) * 3}, 4);
        assertEquals(0.558649f, new LogisticLoss().compute(scores, new int[] {1, -1, -1, 1}).item(), 1e-6);
        assertEquals(0.558649f, new LogisticLoss().compute(scores.reshape(4, 1), new int[] {1, 0, 0, 1}).item(), 1e-6);
    }

    @Test
    void mseRegressesOneOutputOntoTheLabel() {
        // By hand: outputs [0.5, 2, -1, 3] against labels [0, 2, 1, 2]: (0.25 + 0 + 4 + 1) / 4.
        assertEquals(1.3125f, new MseLoss().compute(Tensor.of(new float[] {0.5f, 2, -1, 3}, 4, 1), LABELS).item(), 1e-6);
    }

    @Test
    void hingeIsTheSlidesSumOverWrongClasses() {
        // PyTorch's multi_margin_loss also divides each sample's sum by the 3 classes; the script records 3 × its value.
        assertEquals(3.0792453f, new HingeLoss().compute(LOGITS, LABELS).item(), 1e-6);
        // By hand: scores [3, 1, 2], label 0: max(0, 1−3+1) + max(0, 2−3+1) = 0; label 1: (3−1+1) + (2−1+1) = 5.
        Tensor s = Tensor.matrix(new float[][] {{3, 1, 2}, {3, 1, 2}});
        assertEquals(2.5f, new HingeLoss().compute(s, new int[] {0, 1}).item(), 0);
    }

    @Test
    void gradientsOfEveryLossMatchDifferences() {
        assertGradients(z -> new CrossEntropyLoss().compute(z[0], LABELS), LOGITS);
        assertGradients(z -> new CrossEntropyLoss(0.2).compute(z[0], LABELS), LOGITS);
        assertGradients(z -> new MseLoss().compute(z[0], LABELS), Tensor.vector(0.5f, 2, -1, 3));
        assertGradients(z -> new HingeLoss().compute(z[0], LABELS), LOGITS.mul(3).detachedCopy());
        assertGradients(z -> new LogisticLoss().compute(z[0], new int[] {1, 0, 0, 1}), Tensor.vector(0.5f, -2, 1, 3));
    }

    @Test
    void lossesByNameWithOptions() {
        assertEquals(1.5481573f, byName("cross_entropy", Map.of("label_smoothing", 0.1)).compute(LOGITS, LABELS).item(), 1e-6);
        assertEquals("hinge", byName("hinge", Map.of("margin", 2.0)).name());
        ConfigException e = assertThrows(ConfigException.class, () -> byName("nll", Map.of()));
        assertTrue(e.getMessage().contains("unknown loss \"nll\"") && e.getMessage().contains("cross_entropy, hinge, logistic, mse"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> byName("mse", Map.of("reduction", "sum")));
        assertTrue(e.getMessage().contains("unknown key \"reduction\""), e.getMessage());
        e = assertThrows(ConfigException.class, () -> byName("cross_entropy", Map.of("label_smothing", 0.1)));
        assertTrue(e.getMessage().contains("did you mean \"label_smoothing\""), e.getMessage());
    }

    private static Loss byName(String name, Map<String, ?> options) {
        return Losses.REGISTRY.build(nnrun.config.ComponentSpec.of(name, options), (f, o) -> f.create(o));
    }

    @Test
    void targetsOutsideTheClassesAreRejectedWithTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().compute(LOGITS, new int[] {0, 1, 3, 2}));
        assertTrue(e.getMessage().contains("label 3 at row 2"), e.getMessage());
    }

    @Test
    void l2PenaltyIsHalfLambdaTimesTheSquaredNormOfTheWeightsOnly() {
        Linear layer = new Linear(2, 1, new nnrun.autodiff.Generator(1));
        Sequential model = new Sequential(layer);
        try (var s = nnrun.autodiff.GradMode.off()) { layer.weight().copyFrom(Tensor.of(new float[] {3, 4}, 1, 2)); }
        List<Tensor> weights = L2Penalty.weightsOf(model);
        assertEquals(List.of(layer.weight()), weights, "biases are not regularized");
        Tensor penalty = L2Penalty.of(weights, 0.1);
        assertEquals(0.05 * 25, penalty.item(), 1e-6);
        penalty.backward();
        assertArrayEquals(new float[] {0.3f, 0.4f}, layer.weight().grad().toArray(), 1e-7f, "gradient λ·w");
    }
}
