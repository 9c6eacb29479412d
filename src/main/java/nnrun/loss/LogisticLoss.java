package nnrun.loss;

import nnrun.autodiff.Tensor;

/**
 * The slides' binary logistic loss, mean of log(1 + exp(−y·z)) over scores z (one per sample,
 * [N] or [N, 1]). Labels may be given as ±1 (the slides) or 0/1: 0 and −1 both mean the
 * negative class.
 */
public final class LogisticLoss implements Loss {
    @Override public Tensor compute(Tensor scores, Tensor target) {
        Tensor y = Targets.like(name(), scores, target);
        float[] d = y.data();
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 1f && d[i] != 0f && d[i] != -1f)
                throw new IllegalArgumentException("logistic: label " + d[i] + " at position " + i
                        + " is not a binary label; use +1/−1 or 1/0");
            if (d[i] == 0f) d[i] = -1f;
        }
        return scores.logisticLoss(y);
    }

    @Override public String name() { return "logistic"; }
}
