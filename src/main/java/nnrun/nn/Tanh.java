package nnrun.nn;

import nnrun.autodiff.Tensor;

/** tanh(x). */
public final class Tanh extends ElementwiseLayer {
    @Override public Tensor forward(Tensor x) { return x.tanh(); }

    @Override public String describe() { return "Tanh()"; }
}
