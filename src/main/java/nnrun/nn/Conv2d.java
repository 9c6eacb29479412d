package nnrun.nn;

import nnrun.config.IntPair;
import nnrun.config.Options;
import nnrun.config.Range;
import nnrun.nn.init.InitOption;

import nnrun.autodiff.Generator;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Tensor;
import nnrun.backend.ConvGeometry;
import nnrun.nn.init.WeightInit;
import nnrun.ops.Conv2dOp;

/**
 * 2-D convolution over C×H×W inputs with weight [out, in, KH, KW] and an optional bias [out].
 * Kernel, stride, padding and dilation are {vertical, horizontal}. Output size per axis:
 * ⌊(in + 2·pad − dilation·(k − 1) − 1)/stride⌋ + 1.
 */
public final class Conv2d extends Module {
    private final int inChannels, outChannels;
    private final int[] kernel, stride, padding, dilation;
    private final Tensor weight, bias;

    /** {@code conv2d: {out: 32, kernel: 3, stride: 1, padding: same, dilation: 1, bias: true, init: ...}}. */
    static Conv2d fromOptions(Options o, int[] in, Generator g) {
        int out = o.getInt("out", Range.atLeast(1).withFix("give the number of filters, e.g. out: 16"));
        int[] kernel = pair(o.getIntPair("kernel", Range.atLeast(1)));
        int[] stride = pair(o.getIntPair("stride", IntPair.square(1), Range.atLeast(1)));
        int[] dilation = pair(o.getIntPair("dilation", IntPair.square(1), Range.atLeast(1)));
        int[] padding;
        if (o.isText("padding")) {
            String word = o.getChoice("padding", null, java.util.List.of("same", "valid"));
            try {
                padding = word.equals("same") ? samePadding(kernel, stride, dilation) : new int[] {0, 0};
            } catch (IllegalArgumentException e) {
                throw o.errorAt("padding", e.getMessage(), null);
            }
        } else {
            padding = pair(o.getIntPair("padding", IntPair.square(0), Range.atLeast(0)));
        }
        boolean bias = o.getBoolean("bias", true);
        WeightInit init = InitOption.read(o);
        LayerShapes.requireImage("conv2d", in);
        return new Conv2d(in[0], out, kernel, stride, padding, dilation, bias, init, g);
    }

    static int[] pair(IntPair p) { return new int[] {p.first(), p.second()}; }

    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation,
                  boolean bias, WeightInit init, Generator g) {
        LayerShapes.requirePositive("conv2d", "in channels", inChannels, "the input's channel count");
        LayerShapes.requirePositive("conv2d", "out", outChannels, "the number of filters (e.g. out: 16)");
        for (int k : kernel) LayerShapes.requirePositive("conv2d", "kernel", k, "the filter size (e.g. kernel: 3)");
        for (int s : stride) LayerShapes.requirePositive("conv2d", "stride", s, "the step between windows (usually 1 or 2)");
        for (int d : dilation) LayerShapes.requirePositive("conv2d", "dilation", d, "1 for an ordinary convolution");
        for (int p : padding)
            if (p < 0) throw new ShapeException("conv2d: padding must be 0 or more, got " + p);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        int fanIn = inChannels * kernel[0] * kernel[1], fanOut = outChannels * kernel[0] * kernel[1];
        this.weight = addParameter("weight", Tensor.zeros(outChannels, inChannels, kernel[0], kernel[1]));
        init.fill(weight, fanIn, fanOut, g);
        this.bias = bias ? addParameter("bias", Tensor.zeros(outChannels)) : null;
        if (bias) init.fillBias(this.bias, fanIn, g);
    }

    /** A k×k convolution with stride 1, the given padding, PyTorch's default initialization and a bias. */
    public Conv2d(int inChannels, int outChannels, int k, int padding, Generator g) {
        this(inChannels, outChannels, new int[] {k, k}, new int[] {1, 1}, new int[] {padding, padding},
                new int[] {1, 1}, true, WeightInit.PYTORCH_DEFAULT, g);
    }

    /**
     * The padding that keeps H×W unchanged ("same"): dilation·(k − 1)/2 per axis. Defined for
     * stride 1 and an odd effective kernel, where it is symmetric.
     */
    public static int[] samePadding(int[] kernel, int[] stride, int[] dilation) {
        int[] pad = new int[2];
        for (int a = 0; a < 2; a++) {
            int span = dilation[a] * (kernel[a] - 1);
            if (stride[a] != 1)
                throw new ShapeException("conv2d: padding 'same' needs stride 1, got stride " + stride[a]
                        + "; give the padding as a number instead");
            if (span % 2 != 0)
                throw new ShapeException("conv2d: padding 'same' needs an odd kernel (kernel " + kernel[a]
                        + ", dilation " + dilation[a] + " would pad unevenly); use an odd kernel such as 3 or 5");
            pad[a] = span / 2;
        }
        return pad;
    }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    /** {vertical, horizontal} window size, step, zero padding on each side, and dilation. */
    public int[] kernel() { return kernel.clone(); }

    public int[] stride() { return stride.clone(); }

    public int[] padding() { return padding.clone(); }

    public int[] dilation() { return dilation.clone(); }

    @Override public Tensor forward(Tensor x) { return Conv2dOp.apply(x, weight, bias, stride, padding, dilation); }

    @Override public int[] outputShape(int[] in) {
        LayerShapes.requireImage("conv2d", in);
        if (in[0] != inChannels)
            throw new ShapeException("conv2d expects " + inChannels + " input channels but gets " + LayerShapes.str(in));
        int[] out = {outChannels, 0, 0};
        for (int a = 0; a < 2; a++) {
            int padded = in[1 + a] + 2 * padding[a], span = dilation[a] * (kernel[a] - 1) + 1;
            if (span > padded)
                throw new ShapeException("conv2d: kernel " + kernel[0] + "×" + kernel[1]
                        + (dilation[a] > 1 ? " (dilation " + dilation[a] + ", spanning " + span + ")" : "")
                        + " does not fit the padded input " + (in[1] + 2 * padding[0]) + "×" + (in[2] + 2 * padding[1])
                        + " (input " + LayerShapes.str(in) + ", padding " + padding[0] + "×" + padding[1]
                        + "); use a smaller kernel, add padding (padding: same), or downsample less before this block");
            out[1 + a] = ConvGeometry.outSize(in[1 + a], kernel[a], stride[a], padding[a], dilation[a]);
        }
        return out;
    }

    @Override public long flops(int[] in) {
        int[] out = outputShape(in);
        long positions = (long) out[1] * out[2];
        return positions * outChannels * (2L * inChannels * kernel[0] * kernel[1] + (bias == null ? 0 : 1));
    }

    @Override public long macs(int[] in) {
        int[] out = outputShape(in);
        return (long) out[1] * out[2] * outChannels * inChannels * kernel[0] * kernel[1];
    }

    @Override public String describe() {
        return "Conv2d(" + inChannels + " → " + outChannels + ", kernel " + kernel[0] + "×" + kernel[1]
                + ", stride " + stride[0] + "×" + stride[1] + ", padding " + padding[0] + "×" + padding[1]
                + (dilation[0] * dilation[1] > 1 ? ", dilation " + dilation[0] + "×" + dilation[1] : "")
                + (bias == null ? ", no bias" : "") + ")";
    }
}
