package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * Batch normalization with batch statistics (training mode) over x [N,C] or [N,C,H,W]:
 * per channel c, x̂ = (x - mean_c)/sqrt(var_c + eps) with the biased variance, y = γ_c·x̂ + β_c.
 * Saves x̂, 1/sqrt(var + eps) and γ. With M values per channel:
 * VJP  dβ = Σg, dγ = Σg·x̂, dx = γ/(M·σ)·(M·g - dβ - x̂·dγ);
 * JVP  ty = tγ·x̂ + tβ + γ/σ·(tx - mean(tx) - x̂·mean(tx·x̂)).
 * (Evaluation mode needs no op of its own: with fixed running statistics it is an affine map.)
 */
public final class BatchNormOp extends Node {
    private float[] xhat, invStd;
    private Saved gamma;
    private final int[] shape;
    private final int channels, spatial;

    /**
     * The normalized output and the batch statistics the layer folds into its running estimates (as
     * kernels see them: on a device backend they stay on the device).
     */
    public record Output(Tensor y, float[] batchMean, float[] batchVar) {}

    private BatchNormOp(float[] xhat, float[] invStd, Tensor gamma, int[] shape, int channels, int spatial) {
        this.xhat = xhat; this.invStd = invStd; this.gamma = save(gamma);
        this.shape = shape; this.channels = channels; this.spatial = spatial;
    }

    public static Output apply(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int[] s = x.shape();
        if (s.length < 2) throw new ShapeException("batch_norm: expects [N,C] or [N,C,H,W], got " + Shapes.str(s));
        int n = s[0], c = s[1], spatial = x.numel() / Math.max(1, n * c);
        if (gamma.numel() != c || beta.numel() != c)
            throw new ShapeException("batch_norm: input " + Shapes.str(s) + " has " + c + " channels but γ has "
                    + gamma.numel() + " and β " + beta.numel() + " values");
        int m = n * spatial;
        if (m < 2)
            throw new ShapeException("batch_norm: needs more than one value per channel in training mode, got input "
                    + Shapes.str(s) + "; use a batch larger than 1");
        float[] mean = MemoryScope.empty(c), var = MemoryScope.empty(c), invStd = MemoryScope.empty(c);
        float[] xhat = MemoryScope.empty(x.numel()), y = MemoryScope.empty(x.numel());
        Backends.current().batchNormForward(x.buffer(), gamma.buffer(), beta.buffer(), n, c, spatial, eps, xhat, invStd, mean, var, y);
        BatchNormOp node = new BatchNormOp(xhat, invStd, gamma, s, c, spatial);
        return new Output(Autograd.record(node, Tensor.of(y, s), x, gamma, beta), mean, var);
    }

    /** Per channel: Σ a and Σ a·x̂ over the batch and spatial positions. */
    private double[][] channelSums(float[] a) {
        double[] sum = new double[channels], dot = new double[channels];
        Backends.current().channelSums(a, xhat, shape[0], channels, spatial, sum, dot);
        return new double[][] {sum, dot};
    }

    @Override protected Tensor[] vjp(Tensor grad) {
        float[] dx = MemoryScope.empty(grad.numel()), dGamma = MemoryScope.empty(channels), dBeta = MemoryScope.empty(channels);
        Backends.current().batchNormBackward(grad.buffer(), xhat, gamma.get().buffer(), invStd, shape[0], channels, spatial,
                dx, dGamma, dBeta);
        return new Tensor[] {Tensor.of(dx, shape), Tensor.ofUnshared(dGamma, channels), Tensor.ofUnshared(dBeta, channels)};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        float[] tx = t[0].data(), tGamma = t[1].data(), tBeta = t[2].data(), gam = gamma.get().data();
        Backends.current().toHost(xhat);
        Backends.current().toHost(invStd);
        float[] ty = MemoryScope.floats(tx.length);
        double[][] sums = channelSums(tx);
        int n = shape[0], m = n * spatial;
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < channels; ch++) {
                double meanT = sums[0][ch] / m, meanTXhat = sums[1][ch] / m;
                for (int k = 0, o = (i * channels + ch) * spatial; k < spatial; k++) {
                    double tXhat = invStd[ch] * (tx[o + k] - meanT - xhat[o + k] * meanTXhat);
                    ty[o + k] = (float) (tGamma[ch] * xhat[o + k] + tBeta[ch] + gam[ch] * tXhat);
                }
            }
        return Tensor.of(ty, shape);
    }

    @Override protected void releaseSaved() { xhat = invStd = null; gamma = null; }
}
