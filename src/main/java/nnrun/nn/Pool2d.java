package nnrun.nn;

import nnrun.config.Range;

import nnrun.config.Options;

import nnrun.config.IntPair;

import nnrun.autodiff.ShapeException;

/** Window geometry shared by max and average pooling: kernel, stride and padding per axis, floor mode. */
abstract class Pool2d extends Module {
    protected final String configName;
    protected final int[] kernel, stride, padding;

    /** kernel, stride (default: the kernel, non-overlapping) and padding (default 0) of a pooling block's options. */
    record Geometry(int[] kernel, int[] stride, int[] padding) {
        static Geometry read(Options o) {
            IntPair kernel = o.getIntPair("kernel", Range.atLeast(1));
            return new Geometry(Conv2d.pair(kernel), Conv2d.pair(o.getIntPair("stride", kernel, Range.atLeast(1))),
                    Conv2d.pair(o.getIntPair("padding", IntPair.square(0), Range.atLeast(0))));
        }
    }

    Pool2d(String configName, int[] kernel, int[] stride, int[] padding) {
        this.configName = configName;
        for (int k : kernel) LayerShapes.requirePositive(configName, "kernel", k, "the window size (e.g. kernel: 2)");
        for (int s : stride) LayerShapes.requirePositive(configName, "stride", s, "the step between windows (usually the kernel size)");
        for (int a = 0; a < 2; a++)
            if (padding[a] < 0 || 2 * padding[a] > kernel[a])
                throw new ShapeException(configName + ": padding must be between 0 and half the kernel (" + kernel[a] / 2
                        + "), got " + padding[a]);
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    /** {vertical, horizontal} window size, step, and padding on each side. */
    public int[] kernel() { return kernel.clone(); }

    public int[] stride() { return stride.clone(); }

    public int[] padding() { return padding.clone(); }

    @Override public int[] outputShape(int[] in) {
        LayerShapes.requireImage(configName, in);
        int[] out = {in[0], 0, 0};
        for (int a = 0; a < 2; a++) {
            int padded = in[1 + a] + 2 * padding[a];
            if (kernel[a] > padded)
                throw new ShapeException(configName + ": window " + kernel[0] + "×" + kernel[1] + " does not fit the padded input "
                        + (in[1] + 2 * padding[0]) + "×" + (in[2] + 2 * padding[1]) + " (input " + LayerShapes.str(in)
                        + "); use a smaller kernel or remove a downsampling block before this one");
            out[1 + a] = Math.floorDiv(padded - kernel[a], stride[a]) + 1;
        }
        return out;
    }

    /** One operation per window element per output. */
    @Override public long flops(int[] in) { return LayerShapes.numel(outputShape(in)) * kernel[0] * kernel[1]; }

    protected String geometry() {
        return "kernel " + kernel[0] + "×" + kernel[1] + ", stride " + stride[0] + "×" + stride[1]
                + (padding[0] + padding[1] > 0 ? ", padding " + padding[0] + "×" + padding[1] : "");
    }
}
