package nnrun.nn;

import nnrun.autodiff.Tensor;

/** x for x > 0, slope·x otherwise (PyTorch's default slope is 0.01). */
public final class LeakyReLU extends Elementwise {
    private final float slope;

    public LeakyReLU(double slope) { this.slope = (float) slope; }

    public float slope() { return slope; }

    @Override public Tensor forward(Tensor x) { return x.leakyRelu(slope); }

    @Override public String describe() { return "LeakyReLU(slope " + slope + ")"; }
}
