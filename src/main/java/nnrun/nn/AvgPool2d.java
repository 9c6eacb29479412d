package nnrun.nn;

import nnrun.config.Options;

import nnrun.autodiff.Generator;

import nnrun.autodiff.Tensor;
import nnrun.ops.AvgPool2dOp;

/** Mean over each window of each channel; padding counts as zeros (PyTorch's count_include_pad). */
public final class AvgPool2d extends Pool2d {
    static AvgPool2d fromOptions(Options o, int[] in, Generator g) {
        Geometry w = Geometry.read(o);
        return new AvgPool2d(w.kernel(), w.stride(), w.padding());
    }

    public AvgPool2d(int[] kernel, int[] stride, int[] padding) { super("avgpool2d", kernel, stride, padding); }

    /** A k×k window moved by k (non-overlapping), no padding. */
    public AvgPool2d(int k) { this(new int[] {k, k}, new int[] {k, k}, new int[] {0, 0}); }

    @Override public Tensor forward(Tensor x) { return AvgPool2dOp.apply(x, kernel, stride, padding); }

    @Override public String describe() { return "AvgPool2d(" + geometry() + ")"; }
}
