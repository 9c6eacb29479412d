package nnrun.data;

/**
 * Resizes one 8-bit image plane the way Pillow's {@code Image.resize(size, BILINEAR)} does, which
 * is what torchvision's {@code Resize} runs on the images ImageFolder loads: a triangle filter
 * whose support widens with the reduction factor, so shrinking averages over every source pixel
 * instead of sampling a few (Java2D's bilinear interpolation does the latter and aliases). The
 * weights are Pillow's, in its 22-bit fixed point, applied horizontally and then vertically with
 * the intermediate rounded to bytes, so results match Pillow's bit for bit.
 */
final class AntialiasedResize {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** For each output pixel, the first source pixel it reads and the fixed-point weights of those it reads. */
    private record Coefficients(int[] first, int[][] weights) {
    }

    private AntialiasedResize() {
    }

    /** {@code plane} of inHeight x inWidth (row-major) resized to outHeight x outWidth. */
    static byte[] resize(byte[] plane, int inHeight, int inWidth, int outHeight, int outWidth) {
        byte[] result = plane;
        if (outWidth != inWidth) {
            result = horizontal(result, inHeight, inWidth, coefficients(inWidth, outWidth));
        }
        if (outHeight != inHeight) {
            result = vertical(result, outWidth, coefficients(inHeight, outHeight));
        }
        return result == plane ? plane.clone() : result;
    }

    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle filter's support is 1, widened when shrinking
        int[] first = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int out = 0; out < outSize; out++) {
            double center = (out + 0.5) * scale;
            int min = Math.max((int) (center - support + 0.5), 0);
            int count = Math.min((int) (center + support + 0.5), inSize) - min;
            double[] w = new double[count];
            double total = 0;
            for (int i = 0; i < count; i++) {
                w[i] = triangle((i + min - center + 0.5) / filterScale);
                total += w[i];
            }
            int[] fixed = new int[count];
            for (int i = 0; i < count; i++) {
                double normalized = total != 0 ? w[i] / total : w[i];
                fixed[i] = (int) (normalized < 0 ? -0.5 + normalized * (1 << PRECISION_BITS)
                        : 0.5 + normalized * (1 << PRECISION_BITS));
            }
            first[out] = min;
            weights[out] = fixed;
        }
        return new Coefficients(first, weights);
    }

    private static double triangle(double x) {
        double distance = Math.abs(x);
        return distance < 1.0 ? 1.0 - distance : 0.0;
    }

    private static byte[] horizontal(byte[] in, int height, int inWidth, Coefficients c) {
        int outWidth = c.first.length;
        byte[] out = new byte[height * outWidth];
        for (int y = 0; y < height; y++) {
            int row = y * inWidth;
            for (int x = 0; x < outWidth; x++) {
                int[] k = c.weights[x];
                int sum = 1 << (PRECISION_BITS - 1);
                for (int i = 0; i < k.length; i++) {
                    sum += (in[row + c.first[x] + i] & 0xFF) * k[i];
                }
                out[y * outWidth + x] = clip8(sum);
            }
        }
        return out;
    }

    private static byte[] vertical(byte[] in, int width, Coefficients c) {
        int outHeight = c.first.length;
        byte[] out = new byte[outHeight * width];
        for (int y = 0; y < outHeight; y++) {
            int[] k = c.weights[y];
            int top = c.first[y];
            for (int x = 0; x < width; x++) {
                int sum = 1 << (PRECISION_BITS - 1);
                for (int i = 0; i < k.length; i++) {
                    sum += (in[(top + i) * width + x] & 0xFF) * k[i];
                }
                out[y * width + x] = clip8(sum);
            }
        }
        return out;
    }

    private static byte clip8(int sum) {
        if (sum >= (1 << PRECISION_BITS << 8)) {
            return (byte) 255;
        }
        if (sum <= 0) {
            return 0;
        }
        return (byte) (sum >> PRECISION_BITS);
    }
}
