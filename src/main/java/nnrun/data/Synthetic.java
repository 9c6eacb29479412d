package nnrun.data;

import java.util.List;

/** Small seeded 2-D (or d-D) classification problems for tests and demos. */
public final class Synthetic {

    private Synthetic() {
    }

    /**
     * Two interleaved spirals (classes 0 and 1), n points in all, each arm winding 1.75 turns
     * out to radius 1, with Gaussian noise of standard deviation {@code noise} added to x and y.
     * Not linearly separable: a good first test for a hidden layer.
     */
    public static Dataset twoSpirals(int n, double noise, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int arm = i % 2;
            double t = random.nextDouble();
            double angle = t * 1.75 * 2 * Math.PI + arm * Math.PI;
            xy[2 * i] = (float) (t * Math.cos(angle) + noise * random.nextGaussian());
            xy[2 * i + 1] = (float) (t * Math.sin(angle) + noise * random.nextGaussian());
            labels[i] = arm;
        }
        return Dataset.ofFloats("two-spirals", new int[] {2}, xy, labels, 2, List.of("arm 0", "arm 1"));
    }

    /**
     * n points in {@code dims} dimensions around {@code classes} centres drawn uniformly from
     * [-1,1]^dims, each point the centre of its class (round-robin) plus Gaussian noise of
     * standard deviation {@code spread}.
     */
    public static Dataset gaussianBlobs(int n, int classes, int dims, double spread, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        double[] centres = new double[classes * dims];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = 2 * random.nextDouble() - 1;
        }
        float[] x = new float[n * dims];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int d = 0; d < dims; d++) {
                x[i * dims + d] = (float) (centres[labels[i] * dims + d] + spread * random.nextGaussian());
            }
        }
        return Dataset.ofFloats("gaussian-blobs", new int[] {dims}, x, labels, classes, null);
    }

    /**
     * XOR: n points uniform in [-1,1]^2 plus Gaussian noise; the label is 1 when the two clean
     * coordinates have opposite signs.
     */
    public static Dataset xor(int n, double noise, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * random.nextDouble() - 1;
            double b = 2 * random.nextDouble() - 1;
            labels[i] = (a < 0) != (b < 0) ? 1 : 0;
            xy[2 * i] = (float) (a + noise * random.nextGaussian());
            xy[2 * i + 1] = (float) (b + noise * random.nextGaussian());
        }
        return Dataset.ofFloats("xor", new int[] {2}, xy, labels, 2, null);
    }
}
