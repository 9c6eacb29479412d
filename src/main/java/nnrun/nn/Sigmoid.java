package nnrun.nn;

import nnrun.autodiff.Tensor;

/** 1 / (1 + e^−x). */
public final class Sigmoid extends ElementwiseLayer {
    @Override public Tensor forward(Tensor x) { return x.sigmoid(); }

    @Override public String describe() { return "Sigmoid()"; }
}
