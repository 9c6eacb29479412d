package nnrun.nn;

import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Tensor;

/**
 * Softmax over the features of each sample (axis 1 of [N, C]): outputs that are positive and sum
 * to 1. For training, end the model with the logits and use the cross_entropy loss instead: it
 * includes the softmax and is numerically safer.
 */
public final class Softmax extends Module {
    @Override public Tensor forward(Tensor x) { return x.softmax(1); }

    @Override public int[] outputShape(int[] in) {
        if (in.length != 1)
            throw new ShapeException("softmax normalizes flat class scores but gets " + LayerShapes.describeInput(in)
                    + "; add flatten (or global_avgpool) and a linear layer before it");
        return in.clone();
    }

    /** Exponential, sum and division per value. */
    @Override public long flops(int[] in) { return 3 * LayerShapes.numel(in); }

    @Override public String describe() { return "Softmax()"; }
}
