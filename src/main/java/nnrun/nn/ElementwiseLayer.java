package nnrun.nn;

/** A layer that maps each value on its own (activations, dropout): same shape out, one operation per value. */
abstract class ElementwiseLayer extends Module {
    @Override public int[] outputShape(int[] in) { return in.clone(); }

    @Override public long flops(int[] in) { return LayerShapes.numel(in); }
}
