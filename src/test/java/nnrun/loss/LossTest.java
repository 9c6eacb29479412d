package nnrun.loss;

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
    private static final Tensor LABELS = Tensor.vector(0, 2, 1, 2);

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
        assertEquals(0.558649f, new LogisticLoss().compute(scores, Tensor.vector(1, -1, -1, 1)).item(), 1e-6);
        assertEquals(0.558649f, new LogisticLoss().compute(scores.reshape(4, 1), Tensor.vector(1, 0, 0, 1)).item(), 1e-6);
    }

    @Test
    void mseMatchesPyTorch() {
        Tensor target = Tensor.arange(12).cos().reshape(4, 3);
        assertEquals(0.94686216f, new MseLoss().compute(LOGITS, target).item(), 1e-6);
    }

    @Test
    void hingeIsTheSlidesSumOverWrongClasses() {
        // PyTorch's multi_margin_loss also divides each sample's sum by the 3 classes; the script records 3 × its value.
        assertEquals(3.0792453f, new HingeLoss().compute(LOGITS, LABELS).item(), 1e-6);
        // By hand: scores [3, 1, 2], label 0: max(0, 1−3+1) + max(0, 2−3+1) = 0; label 1: (3−1+1) + (2−1+1) = 5.
        Tensor s = Tensor.matrix(new float[][] {{3, 1, 2}, {3, 1, 2}});
        assertEquals(2.5f, new HingeLoss().compute(s, Tensor.vector(0, 1)).item(), 0);
    }

    @Test
    void gradientsOfEveryLossMatchDifferences() {
        Tensor target = Tensor.arange(12).cos().reshape(4, 3);
        assertGradients(z -> new CrossEntropyLoss().compute(z[0], LABELS), LOGITS);
        assertGradients(z -> new CrossEntropyLoss(0.2).compute(z[0], LABELS), LOGITS);
        assertGradients(z -> new MseLoss().compute(z[0], target), LOGITS);
        assertGradients(z -> new HingeLoss().compute(z[0], LABELS), LOGITS.mul(3).detachedCopy());
        assertGradients(z -> new LogisticLoss().compute(z[0], Tensor.vector(1, 0, 0, 1)), Tensor.vector(0.5f, -2, 1, 3));
    }

    @Test
    void lossesByNameWithOptions() {
        assertEquals(1.5481573f, Losses.byName("cross_entropy", Map.of("label_smoothing", 0.1)).compute(LOGITS, LABELS).item(), 1e-6);
        assertEquals("hinge", Losses.byName("hinge", Map.of("margin", 2.0)).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("nll", Map.of()));
        assertEquals("unknown loss 'nll'; known: [cross_entropy, hinge, logistic, mse]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("mse", Map.of("reduction", "sum")));
        assertTrue(e.getMessage().contains("unknown option(s) [reduction]"), e.getMessage());
    }

    @Test
    void targetsOutsideTheClassesAreRejectedWithTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().compute(LOGITS, Tensor.vector(0, 1, 3, 2)));
        assertTrue(e.getMessage().contains("target 3.0 at row 2 is not a class index in [0, 2]"), e.getMessage());
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
