package nnrun.nn;

/** Batch normalization of feature vectors [N, C]: statistics per feature over the batch. */
public final class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(int features, double eps, double momentum) { super("batchnorm1d", features, eps, momentum); }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int features) { this(features, 1e-5, 0.1); }

    @Override int sampleRank() { return 1; }
}
