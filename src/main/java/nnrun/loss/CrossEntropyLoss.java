package nnrun.loss;

import nnrun.autodiff.Tensor;
import nnrun.ops.SoftmaxCrossEntropy;

/**
 * Softmax cross-entropy on logits [N, C] against class indices, mean over the batch, computed
 * stably. With label smoothing ε the target distribution is (1 − ε)·onehot + ε/C (PyTorch's
 * definition), so the loss is (1 − ε)·CE + ε·mean_j(−log p_j). One fused op either way.
 */
public final class CrossEntropyLoss implements Loss {
    private final float labelSmoothing;

    public CrossEntropyLoss(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1))
            throw new IllegalArgumentException("cross_entropy: label_smoothing must be in [0, 1), got " + labelSmoothing);
        this.labelSmoothing = (float) labelSmoothing;
    }

    public CrossEntropyLoss() { this(0); }

    @Override public Tensor compute(Tensor logits, int[] labels) {
        Targets.requireScores(name(), logits, labels);
        return SoftmaxCrossEntropy.apply(logits, labels, labelSmoothing); // the fused op checks the class range itself
    }

    @Override public String name() { return "cross_entropy"; }
}
