package nnrun.loss;

import nnrun.autodiff.Tensor;

/** Mean squared error over all values, mean((output − target)²), as PyTorch's MSELoss. */
public final class MseLoss implements Loss {
    @Override public Tensor compute(Tensor output, Tensor target) {
        Tensor diff = output.sub(Targets.like(name(), output, target));
        return diff.mul(diff).mean();
    }

    @Override public String name() { return "mse"; }
}
