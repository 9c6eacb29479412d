package nnrun.nn;

/** Batch normalization of images [N, C, H, W]: statistics per channel over the batch and all positions. */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int channels, double eps, double momentum) { super("batchnorm2d", channels, eps, momentum); }

    /** PyTorch's defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm2d(int channels) { this(channels, 1e-5, 0.1); }

    @Override int sampleRank() { return 3; }
}
