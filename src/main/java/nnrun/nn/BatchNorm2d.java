package nnrun.nn;

import nnrun.config.Range;

import nnrun.config.Options;

import nnrun.autodiff.Generator;

/** Batch normalization of images [N, C, H, W]: statistics per channel over the batch and all positions. */
public final class BatchNorm2d extends BatchNorm {
    static BatchNorm2d fromOptions(Options o, int[] in, Generator g) {
        return new BatchNorm2d(in.length > 0 ? in[0] : 0, o.getDouble("eps", 1e-5, Range.greaterThan(0)),
                o.getDouble("momentum", 0.1, Range.closed(0, 1)));
    }

    public BatchNorm2d(int channels, double eps, double momentum) { super("batchnorm2d", channels, eps, momentum); }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm2d(int channels) { this(channels, 1e-5, 0.1); }

    @Override int sampleRank() { return 3; }
}
