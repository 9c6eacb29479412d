package nnrun.nn;

import nnrun.autodiff.Tensor;

/** Mean of each channel over all positions: C×H×W → C. */
public final class GlobalAvgPool extends Module {
    @Override public Tensor forward(Tensor x) {
        int[] s = x.shape();
        LayerShapes.requireImage("global_avgpool", LayerShapes.sampleShape(s));
        return x.reshape(s[0], s[1], s[2] * s[3]).mean(2, false);
    }

    @Override public int[] outputShape(int[] in) {
        LayerShapes.requireImage("global_avgpool", in);
        return new int[] {in[0]};
    }

    @Override public long flops(int[] in) { return LayerShapes.numel(in); }

    @Override public String describe() { return "GlobalAvgPool()"; }
}
