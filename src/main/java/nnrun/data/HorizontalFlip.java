package nnrun.data;

/** Mirrors the image left to right with probability {@code probability} (0.5 for CIFAR-10). */
public record HorizontalFlip(double probability) implements Augmentation {

    public HorizontalFlip {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("flip probability must be in [0,1], got " + probability);
        }
    }

    @Override
    public void apply(float[] x, int off, int[] sampleShape, SplitMix64 random) {
        Augmentation.requireImage(sampleShape, "horizontal flip");
        if (random.nextDouble() >= probability) {
            return;
        }
        int width = sampleShape[2];
        int rows = sampleShape[0] * sampleShape[1];
        for (int r = 0; r < rows; r++) {
            int left = off + r * width;
            int right = left + width - 1;
            while (left < right) {
                float swap = x[left];
                x[left++] = x[right];
                x[right--] = swap;
            }
        }
    }
}
