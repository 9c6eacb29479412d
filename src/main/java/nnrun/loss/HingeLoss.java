package nnrun.loss;

import nnrun.autodiff.Tensor;

/**
 * Multiclass hinge (SVM) loss as in the slides (Weston-Watkins, CS231n): per sample
 * Σ_{j≠y} max(0, s_j − s_y + margin), mean over the batch. (PyTorch's MultiMarginLoss also
 * divides by the number of classes; this does not.)
 */
public final class HingeLoss implements Loss {
    private final float margin;

    public HingeLoss(double margin) {
        if (!(margin > 0)) throw new IllegalArgumentException("hinge: margin must be positive, got " + margin);
        this.margin = (float) margin;
    }

    public HingeLoss() { this(1); }

    @Override public Tensor compute(Tensor scores, int[] labels) {
        Targets.requireClasses(name(), scores, labels);
        int n = scores.dim(0), c = scores.dim(1);
        Tensor oneHot = Targets.oneHot(labels, c);
        Tensor correct = scores.mul(oneHot).sum(1, true);
        Tensor others = Tensor.ones(n, c).sub(oneHot);
        return scores.sub(correct).add(margin).relu().mul(others).sum().div(n);
    }

    @Override public String name() { return "hinge"; }
}
