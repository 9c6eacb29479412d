package nnrun.nn;

import nnrun.config.Options;

import nnrun.autodiff.Generator;

import nnrun.autodiff.Tensor;
import nnrun.ops.MaxPool2dOp;

/** Maximum over each window of each channel. */
public final class MaxPool2d extends Pool2d {
    static MaxPool2d fromOptions(Options o, int[] in, Generator g) {
        Geometry w = Geometry.read(o);
        return new MaxPool2d(w.kernel(), w.stride(), w.padding());
    }

    public MaxPool2d(int[] kernel, int[] stride, int[] padding) { super("maxpool2d", kernel, stride, padding); }

    /** A k×k window moved by k (non-overlapping), no padding. */
    public MaxPool2d(int k) { this(new int[] {k, k}, new int[] {k, k}, new int[] {0, 0}); }

    @Override public Tensor forward(Tensor x) { return MaxPool2dOp.apply(x, kernel, stride, padding); }

    @Override public String describe() { return "MaxPool2d(" + geometry() + ")"; }
}
