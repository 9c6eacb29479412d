package nnrun.data;

import java.util.Arrays;

/**
 * Pads the image with {@code padding} zeros on every side and crops a window of the original
 * size at a uniformly random offset, i.e. shifts it by -padding..padding pixels in each direction
 * (the standard CIFAR-10 "32, padding 4" crop). Done in place as a shift, without a padded copy.
 */
public record RandomCrop(int padding) implements Augmentation {

    public RandomCrop {
        if (padding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + padding);
        }
    }

    @Override
    public void apply(float[] x, int off, int[] sampleShape, SplitMix64 random) {
        Augmentation.requireImage(sampleShape, "random crop");
        int dy = random.nextInt(2 * padding + 1) - padding;
        int dx = random.nextInt(2 * padding + 1) - padding;
        shift(x, off, sampleShape[0], sampleShape[1], sampleShape[2], dy, dx);
    }

    /** out(c, y, x) = in(c, y + dy, x + dx), zero where that falls outside the image. */
    static void shift(float[] img, int off, int channels, int height, int width, int dy, int dx) {
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(width, width - dx);
        for (int c = 0; c < channels; c++) {
            int plane = off + c * height * width;
            // Walk rows in the direction that reads each source row before it is overwritten.
            for (int step = 0; step < height; step++) {
                int y = dy >= 0 ? step : height - 1 - step;
                int row = plane + y * width;
                int sy = y + dy;
                if (sy < 0 || sy >= height || x0 >= x1) {
                    Arrays.fill(img, row, row + width, 0f);
                    continue;
                }
                System.arraycopy(img, plane + sy * width + x0 + dx, img, row + x0, x1 - x0);
                Arrays.fill(img, row, row + x0, 0f);
                Arrays.fill(img, row + x1, row + width, 0f);
            }
        }
    }
}
