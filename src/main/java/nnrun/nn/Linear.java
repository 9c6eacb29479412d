package nnrun.nn;

import nnrun.config.Options;
import nnrun.config.Range;
import nnrun.nn.init.InitOption;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.nn.init.WeightInit;
import nnrun.ops.LinearOp;

/** y = x·Wᵀ + b with W [out, in] (PyTorch's layout) and an optional bias b [out]. */
public final class Linear extends Module {
    private final int in, out;
    private final Tensor weight, bias;

    /** {@code linear: {out: 512, bias: true, init: kaiming_uniform}}; in-features from the input. */
    static Linear fromOptions(Options o, int[] in, Generator g) {
        int out = o.getInt("out", Range.atLeast(1).withFix("give the number of units, e.g. out: 128"));
        boolean bias = o.getBoolean("bias", true);
        WeightInit init = InitOption.read(o);
        LayerShapes.requireFeatures("linear", in);
        return new Linear(in[0], out, bias, init, g);
    }

    public Linear(int in, int out, boolean bias, WeightInit init, Generator g) {
        LayerShapes.requirePositive("linear", "in", in, "the number of input features");
        LayerShapes.requirePositive("linear", "out", out, "the number of units (e.g. out: 128)");
        this.in = in;
        this.out = out;
        this.weight = addParameter("weight", Tensor.zeros(out, in));
        init.fill(weight, in, out, g);
        this.bias = bias ? addParameter("bias", Tensor.zeros(out)) : null;
        if (bias) init.fillBias(this.bias, in, g);
    }

    /** PyTorch's default initialization, with a bias. */
    public Linear(int in, int out, Generator g) { this(in, out, true, WeightInit.PYTORCH_DEFAULT, g); }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    @Override public Tensor forward(Tensor x) { return LinearOp.apply(x, weight, bias); }

    @Override public int[] outputShape(int[] inputShape) {
        LayerShapes.requireFeatures("linear", inputShape);
        if (inputShape[0] != in)
            throw new nnrun.autodiff.ShapeException("linear expects " + in + " input features but gets " + inputShape[0]);
        return new int[] {out};
    }

    @Override public long flops(int[] inputShape) { return 2L * in * out + (bias == null ? 0 : out); }

    @Override public long macs(int[] inputShape) { return (long) in * out; }

    @Override public String describe() { return "Linear(" + in + " → " + out + (bias == null ? ", no bias" : "") + ")"; }
}
