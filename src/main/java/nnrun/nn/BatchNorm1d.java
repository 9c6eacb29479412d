package nnrun.nn;

import nnrun.config.Range;

import nnrun.config.Options;

import nnrun.autodiff.Generator;

/** Batch normalization of feature vectors [N, C]: statistics per feature over the batch. */
public final class BatchNorm1d extends BatchNorm {
    static BatchNorm1d fromOptions(Options o, int[] in, Generator g) {
        return new BatchNorm1d(in.length > 0 ? in[0] : 0, o.getDouble("eps", 1e-5, Range.greaterThan(0)),
                o.getDouble("momentum", 0.1, Range.closed(0, 1)));
    }

    public BatchNorm1d(int features, double eps, double momentum) { super("batchnorm1d", features, eps, momentum); }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int features) { this(features, 1e-5, 0.1); }

    @Override int sampleRank() { return 1; }
}
