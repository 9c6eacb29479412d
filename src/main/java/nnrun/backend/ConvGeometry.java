package nnrun.backend;

/**
 * Shape of one 2-D convolution over NCHW tensors: input N×C×H×W, weight OC×C×KH×KW,
 * output N×OC×OH×OW. Validated on construction so kernels never see an impossible shape.
 */
public record ConvGeometry(int n, int c, int h, int w, int outC, int kh, int kw,
                           int strideH, int strideW, int padH, int padW, int dilH, int dilW) {

    public ConvGeometry {
        if (n < 1 || c < 1 || h < 1 || w < 1 || outC < 1 || kh < 1 || kw < 1)
            throw new IllegalArgumentException("conv sizes must be positive: " + describe(n, c, h, w, outC, kh, kw));
        if (strideH < 1 || strideW < 1 || dilH < 1 || dilW < 1 || padH < 0 || padW < 0)
            throw new IllegalArgumentException("conv stride/dilation must be >= 1 and padding >= 0");
        int oh = outSize(h, kh, strideH, padH, dilH), ow = outSize(w, kw, strideW, padW, dilW);
        if (oh < 1 || ow < 1)
            throw new IllegalArgumentException("conv kernel " + kh + "x" + kw + " (dilation " + dilH + "x" + dilW
                    + ") is larger than its padded input " + (h + 2 * padH) + "x" + (w + 2 * padW));
    }

    public static int outSize(int in, int k, int stride, int pad, int dil) {
        return Math.floorDiv(in + 2 * pad - dil * (k - 1) - 1, stride) + 1;
    }

    public int outH() { return outSize(h, kh, strideH, padH, dilH); }
    public int outW() { return outSize(w, kw, strideW, padW, dilW); }
    public int inputSize() { return n * c * h * w; }
    public int weightSize() { return outC * c * kh * kw; }
    public int outputSize() { return n * outC * outH() * outW(); }
    /** Multiply-adds of one forward pass. */
    public long macs() { return (long) n * outC * outH() * outW() * c * kh * kw; }

    private static String describe(int n, int c, int h, int w, int oc, int kh, int kw) {
        return "input " + n + "x" + c + "x" + h + "x" + w + ", " + oc + " filters " + kh + "x" + kw;
    }
}
