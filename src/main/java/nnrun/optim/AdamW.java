package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;

/** PyTorch's AdamW (Loshchilov and Hutter): Adam with weight decay applied to the weights, not the gradient. */
public final class AdamW extends Adam {
    public AdamW(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("adamw", params, lr, beta1, beta2, eps, weightDecay, true);
    }

    /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public AdamW(Map<String, Tensor> params) { this(params, 1e-3, 0.9, 0.999, 1e-8, 0.01); }
}
