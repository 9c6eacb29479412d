package nnrun.nn;

import nnrun.autodiff.Tensor;

/** Each sample's values as one vector: C×H×W → C·H·W. Shares the buffer. */
public final class Flatten extends Module {
    @Override public Tensor forward(Tensor x) { return x.reshape(x.dim(0), -1); }

    @Override public int[] outputShape(int[] in) { return new int[] {(int) LayerShapes.numel(in)}; }

    @Override public long flops(int[] in) { return 0; }

    @Override public String describe() { return "Flatten()"; }
}
