package nnrun.nn;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.ops.BatchNormOp;

/**
 * Batch normalization per channel with a learned scale γ ("weight", starts at 1) and shift β
 * ("bias", starts at 0), as PyTorch defines it. Training: normalize with the batch's mean and
 * biased variance, and update the running estimates as running = (1 − momentum)·running +
 * momentum·batch, using the unbiased variance. Evaluation: normalize with the running estimates.
 */
public abstract class BatchNorm extends Module {
    private final String configName;
    private final int channels;
    private final float eps, momentum;
    private final Tensor weight, bias, runningMean, runningVar;

    BatchNorm(String configName, int channels, double eps, double momentum) {
        LayerShapes.requirePositive(configName, "channels", channels, "the number of features or channels");
        if (!(eps > 0)) throw new ShapeException(configName + ": eps must be positive, got " + eps);
        if (!(momentum >= 0 && momentum <= 1))
            throw new ShapeException(configName + ": momentum must be in [0, 1], got " + momentum + " (PyTorch's default is 0.1)");
        this.configName = configName;
        this.channels = channels;
        this.eps = (float) eps;
        this.momentum = (float) momentum;
        this.weight = addParameter("weight", Tensor.ones(channels));
        this.bias = addParameter("bias", Tensor.zeros(channels));
        this.runningMean = addBuffer("running_mean", Tensor.zeros(channels));
        this.runningVar = addBuffer("running_var", Tensor.ones(channels));
    }

    /** The rank of one sample this layer normalizes (1 for features, 3 for images). */
    abstract int sampleRank();

    public Tensor runningMean() { return runningMean; }

    /** The constant added to the variance before its square root. */
    public float eps() { return eps; }

    public Tensor runningVar() { return runningVar; }

    public Tensor weight() { return weight; }

    public Tensor bias() { return bias; }

    @Override public Tensor forward(Tensor x) {
        outputShape(LayerShapes.sampleShape(x.shape()));
        return isTraining() ? normalizeWithBatch(x) : normalizeWithRunning(x);
    }

    private Tensor normalizeWithBatch(Tensor x) {
        BatchNormOp.Output out = BatchNormOp.apply(x, weight, bias, eps);
        int perChannel = x.numel() / channels;
        float unbias = (float) perChannel / (perChannel - 1);
        // running = (1 − momentum)·running + momentum·batch, as scale and axpy kernels where the statistics are
        Backend be = Backends.current();
        be.scale(channels, 1 - momentum, runningMean.buffer());
        be.axpy(channels, momentum, out.batchMean(), runningMean.buffer());
        be.scale(channels, 1 - momentum, runningVar.buffer());
        be.axpy(channels, momentum * unbias, out.batchVar(), runningVar.buffer());
        runningMean.markModified();
        runningVar.markModified();
        return out.y();
    }

    /** (x − running_mean)·γ/√(running_var + eps) + β, through ordinary ops so γ and β still get gradients. */
    private Tensor normalizeWithRunning(Tensor x) {
        int[] channelShape = new int[x.rank()];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = channels;
        float[] invStd = MemoryScope.empty(channels), var = runningVar.data();
        for (int c = 0; c < channels; c++) invStd[c] = (float) (1.0 / Math.sqrt(var[c] + eps));
        Tensor mean = Tensor.of(runningMean.toArray(), channelShape);
        Tensor scale = weight.mul(Tensor.of(invStd, channels)).reshape(channelShape);
        return x.sub(mean).mul(scale).add(bias.reshape(channelShape));
    }

    @Override public int[] outputShape(int[] in) {
        if (in.length != sampleRank() || in[0] != channels)
            throw new ShapeException(configName + " with " + channels + " channels needs "
                    + (sampleRank() == 1 ? channels + " features" : channels + "×H×W images") + " but gets "
                    + LayerShapes.describeInput(in) + (sampleRank() == 1 && in.length == 3
                    ? "; use batchnorm2d after a convolution" : sampleRank() == 3 && in.length == 1
                    ? "; use batchnorm1d after flatten or linear" : ""));
        return in.clone();
    }

    /** Normalize and scale: a multiply-add per value once the statistics are folded. */
    @Override public long flops(int[] in) { return 2 * LayerShapes.numel(in); }

    @Override public String describe() {
        return getClass().getSimpleName() + "(" + channels + ", eps " + eps + ", momentum " + momentum + ")";
    }
}
