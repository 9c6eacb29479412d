package nnrun.backend;

/** Shape of one 2-D pooling window sweep over an N×C×H×W input (PyTorch's floor mode). */
public record PoolGeometry(int n, int c, int h, int w, int kh, int kw,
                           int strideH, int strideW, int padH, int padW) {

    public PoolGeometry {
        if (n < 1 || c < 1 || h < 1 || w < 1 || kh < 1 || kw < 1 || strideH < 1 || strideW < 1)
            throw new IllegalArgumentException("pool sizes and strides must be positive");
        if (padH < 0 || padW < 0 || 2 * padH > kh || 2 * padW > kw)
            throw new IllegalArgumentException("pool padding must be between 0 and half the window, got "
                    + padH + "x" + padW + " for window " + kh + "x" + kw);
        // Fields are assigned only after a compact constructor ends, so outH()/outW() cannot be used here.
        if (Math.floorDiv(h + 2 * padH - kh, strideH) < 0 || Math.floorDiv(w + 2 * padW - kw, strideW) < 0)
            throw new IllegalArgumentException("pool window " + kh + "x" + kw + " is larger than its padded input "
                    + (h + 2 * padH) + "x" + (w + 2 * padW));
    }

    public int outH() { return Math.floorDiv(h + 2 * padH - kh, strideH) + 1; }
    public int outW() { return Math.floorDiv(w + 2 * padW - kw, strideW) + 1; }
    public int inputSize() { return n * c * h * w; }
    public int outputSize() { return n * c * outH() * outW(); }
}
