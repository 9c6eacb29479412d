package nnrun.data;

import java.util.Arrays;

/**
 * Per-channel standardisation x' = (x - mean[c]) / std[c]. The channel is the first dimension of
 * the sample shape: the colour channel of a [C,H,W] image, or the feature itself for a [d]
 * vector (so tabular data is standardised column by column).
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("normalization needs one mean and one std per channel, got "
                    + mean.length + " means and " + std.length + " stds");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalization std must be positive, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Mean and population standard deviation per channel over every value of every sample, as
     * the loader sees them (images scaled to [0,1]). Use the training split only, so no
     * information leaks from validation or test data. A constant channel gets std 1.
     */
    public static Normalization fit(Dataset train) {
        int channels = train.sampleShape()[0];
        int spatial = train.sampleLength() / channels;
        double[] sum = new double[channels];
        double[] sumSquares = new double[channels];
        float[] sample = new float[train.sampleLength()];
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, sample, 0);
            for (int c = 0; c < channels; c++) {
                double s = 0;
                double ss = 0;
                for (int k = c * spatial, end = k + spatial; k < end; k++) {
                    s += sample[k];
                    double v = sample[k];
                    ss += v * v;
                }
                sum[c] += s;
                sumSquares[c] += ss;
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double count = (double) train.size() * spatial;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            double variance = Math.max(0, sumSquares[c] / count - m * m);
            mean[c] = (float) m;
            std[c] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
        }
        return new Normalization(mean, std);
    }

    /** Normalises one sample of the given shape in place, starting at off. */
    public void apply(float[] x, int off, int[] sampleShape) {
        int channels = sampleShape[0];
        if (channels != mean.length) {
            throw new IllegalArgumentException("normalization has " + mean.length + " channels but samples of shape "
                    + Arrays.toString(sampleShape) + " have " + channels);
        }
        int spatial = Dataset.product(sampleShape) / channels;
        for (int c = 0; c < channels; c++) {
            float m = mean[c];
            float inv = 1f / std[c];
            for (int k = off + c * spatial, end = k + spatial; k < end; k++) {
                x[k] = (x[k] - m) * inv;
            }
        }
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
