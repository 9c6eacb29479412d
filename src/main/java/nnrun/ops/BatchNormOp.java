package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;
import nnrun.backend.Binary;

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

    /** The normalized output and the batch statistics the layer folds into its running estimates. */
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
        Backend be = Backends.current();
        float[] g = gamma.buffer(), b = beta.buffer();
        double[] sum = new double[c], sq = new double[c];
        float[] mean = new float[c], var = new float[c], invStd = new float[c], ones = new float[c], shift = new float[c];
        be.channelSums(x.buffer(), null, n, c, spatial, sum, null);
        for (int ch = 0; ch < c; ch++) { mean[ch] = (float) (sum[ch] / m); ones[ch] = 1f; shift[ch] = -mean[ch]; }
        // Two passes (center, then square) rather than E[x²] − mean², which cancels badly.
        float[] xhat = new float[x.numel()], y = new float[x.numel()];
        be.channelAffine(x.buffer(), ones, shift, n, c, spatial, xhat);
        be.channelSums(xhat, xhat, n, c, spatial, sum, sq);
        for (int ch = 0; ch < c; ch++) {
            var[ch] = (float) (sq[ch] / m);
            invStd[ch] = (float) (1.0 / Math.sqrt(sq[ch] / m + eps));
        }
        // A fresh zero shift: a device backend may hold a copy of `shift`, so the host must not rewrite it.
        be.channelAffine(xhat, invStd, new float[c], n, c, spatial, xhat);
        be.channelAffine(xhat, g, b, n, c, spatial, y);
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
        float[] g = grad.buffer(), gam = gamma.get().data(), dx = new float[g.length], t = new float[g.length];
        double[][] sums = channelSums(g);
        int n = shape[0], m = n * spatial;
        float[] dGamma = new float[channels], dBeta = new float[channels];
        float[] gScale = new float[channels], xhatScale = new float[channels], shift = new float[channels], zero = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            dBeta[ch] = (float) sums[0][ch];
            dGamma[ch] = (float) sums[1][ch];
            double k = gam[ch] * invStd[ch] / m; // dx = k·(m·g − Σg − x̂·Σg·x̂)
            gScale[ch] = (float) (k * m);
            xhatScale[ch] = (float) (-k * sums[1][ch]);
            shift[ch] = (float) (-k * sums[0][ch]);
        }
        Backend be = Backends.current();
        be.channelAffine(g, gScale, zero, n, channels, spatial, dx);
        be.channelAffine(xhat, xhatScale, shift, n, channels, spatial, t);
        be.binary(Binary.ADD, dx, t, dx, dx.length);
        return new Tensor[] {Tensor.of(dx, shape), Tensor.ofUnshared(dGamma, channels), Tensor.ofUnshared(dBeta, channels)};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        float[] tx = t[0].data(), tGamma = t[1].data(), tBeta = t[2].data(), gam = gamma.get().data();
        Backends.current().toHost(xhat);
        float[] ty = new float[tx.length];
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
