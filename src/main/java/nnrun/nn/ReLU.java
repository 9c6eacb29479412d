package nnrun.nn;

import nnrun.autodiff.Tensor;

/** max(0, x). */
public final class ReLU extends ElementwiseLayer {
    @Override public Tensor forward(Tensor x) { return x.relu(); }

    @Override public String describe() { return "ReLU()"; }
}
