package nnrun.loss;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Tensor;

/**
 * The slides' binary logistic loss, mean of log(1 + exp(−y·z)) over scores z (one per sample,
 * [N] or [N, 1]). Labels may be given as ±1 (the slides) or 0/1: 0 and −1 both mean the
 * negative class.
 */
public final class LogisticLoss implements Loss {
    @Override public Tensor compute(Tensor scores, int[] labels) {
        Targets.requireOnePerSample(name(), scores, labels);
        float[] y = MemoryScope.floats(labels.length);
        for (int i = 0; i < y.length; i++) {
            if (labels[i] != 1 && labels[i] != 0 && labels[i] != -1)
                throw new IllegalArgumentException("logistic: label " + labels[i] + " at position " + i
                        + " is not a binary label; use +1/−1 or 1/0");
            y[i] = labels[i] == 1 ? 1f : -1f;
        }
        return scores.logisticLoss(Tensor.of(y, scores.shape()));
    }

    /** One score per sample for two classes. */
    @Override public java.util.Optional<String> outputMismatch(int outputs, int classes) {
        if (outputs != 1) return java.util.Optional.of("logistic scores each sample with one output; the model ends with "
                + outputs + " outputs (use linear: {out: 1}, or loss: cross_entropy for " + outputs + " outputs)");
        return classes <= 2 ? java.util.Optional.empty()
                : java.util.Optional.of("logistic is a two-class loss; the data has " + classes + " classes (use cross_entropy)");
    }

    @Override public String name() { return "logistic"; }
}
