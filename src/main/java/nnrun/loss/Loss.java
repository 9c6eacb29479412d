package nnrun.loss;

import nnrun.autodiff.Tensor;

/**
 * A training objective: the mean over the batch of a per-sample loss, as a scalar tensor that
 * backward() can start from. Targets are a tensor: class indices [N] for classification losses,
 * labels or values for the others.
 */
public interface Loss {
    Tensor compute(Tensor output, Tensor target);

    /** The config name, e.g. "cross_entropy". */
    String name();
}
