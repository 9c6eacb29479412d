package nnrun.nn;

import nnrun.config.Range;

import nnrun.config.Options;

import nnrun.autodiff.Generator;

import nnrun.autodiff.Tensor;

/** x for x > 0, slope·x otherwise (PyTorch's default slope is 0.01). */
public final class LeakyReLU extends ElementwiseLayer {
    private final float slope;

    static LeakyReLU fromOptions(Options o, int[] in, Generator g) {
        return new LeakyReLU(o.getDouble("slope", 0.01, Range.atLeast(0)));
    }

    public LeakyReLU(double slope) { this.slope = (float) slope; }

    public float slope() { return slope; }

    @Override public Tensor forward(Tensor x) { return x.leakyRelu(slope); }

    @Override public String describe() { return "LeakyReLU(slope " + slope + ")"; }
}
