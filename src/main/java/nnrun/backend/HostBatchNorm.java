package nnrun.backend;

/**
 * Batch normalization built from a backend's {@link Backend#channelSums} and
 * {@link Backend#channelAffine}, with the per-channel arithmetic in double on the host: how the
 * backends that compute in host memory (Java, reference) implement the batch-norm kernels. A device
 * backend computes the per-channel numbers on the device instead, so that none of them crosses.
 */
final class HostBatchNorm {
    private HostBatchNorm() {}

    static void forward(Backend be, float[] x, float[] gamma, float[] beta, int n, int c, int spatial, float eps,
                        float[] xhat, float[] invStd, float[] mean, float[] var, float[] y) {
        int m = n * spatial;
        double[] sum = new double[c], sq = new double[c];
        float[] ones = new float[c], shift = new float[c];
        be.channelSums(x, null, n, c, spatial, sum, null);
        for (int ch = 0; ch < c; ch++) { mean[ch] = (float) (sum[ch] / m); ones[ch] = 1f; shift[ch] = -mean[ch]; }
        // Two passes (center, then square) rather than E[x²] − mean², which cancels badly.
        be.channelAffine(x, ones, shift, n, c, spatial, xhat);
        be.channelSums(xhat, xhat, n, c, spatial, sum, sq);
        for (int ch = 0; ch < c; ch++) {
            var[ch] = (float) (sq[ch] / m);
            invStd[ch] = (float) (1.0 / Math.sqrt(sq[ch] / m + eps));
        }
        be.channelAffine(xhat, invStd, new float[c], n, c, spatial, xhat);
        be.channelAffine(xhat, gamma, beta, n, c, spatial, y);
    }

    static void backward(Backend be, float[] g, float[] xhat, float[] gamma, float[] invStd, int n, int c, int spatial,
                         float[] dx, float[] dGamma, float[] dBeta) {
        int m = n * spatial;
        double[] sum = new double[c], dot = new double[c];
        be.channelSums(g, xhat, n, c, spatial, sum, dot);
        float[] gScale = new float[c], xhatScale = new float[c], shift = new float[c];
        float[] t = be.allocate(g.length); // channelAffine overwrites it; back to the cache below
        for (int ch = 0; ch < c; ch++) {
            dBeta[ch] = (float) sum[ch];
            dGamma[ch] = (float) dot[ch];
            double k = gamma[ch] * invStd[ch] / m; // dx = k·(m·g − Σg − x̂·Σg·x̂)
            gScale[ch] = (float) (k * m);
            xhatScale[ch] = (float) (-k * dot[ch]);
            shift[ch] = (float) (-k * sum[ch]);
        }
        be.channelAffine(g, gScale, new float[c], n, c, spatial, dx);
        be.channelAffine(xhat, xhatScale, shift, n, c, spatial, t);
        be.binary(Binary.ADD, dx, t, dx, dx.length);
        be.release(t);
    }
}
