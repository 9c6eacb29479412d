package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per channel c adds up the parts × channels partial sums of a channel kernel:
 * mode MEAN: first[c] = Σ partA / count; mode VARIANCE: first[c] = Σ partA / count and
 * second[c] = 1/√(first[c] + eps); mode SUMS: first[c] = Σ partA and second[c] = Σ partB;
 * mode SUM: first[c] = Σ partA alone (a "channel" is then any index: the conv weight gradient
 * adds its split-K slices with it).
 */
final class ChannelPartsKernel extends Kernel {
    static final int MEAN = 0, VARIANCE = 1, SUMS = 2, SUM = 3;

    float[] partA = new float[1];
    float[] partB = new float[1];
    float[] first = new float[1];
    float[] second = new float[1];
    int channels, parts, mode;
    float count, eps;

    @Override
    public void run() {
        int c = getGlobalId();
        if (c < channels) {
            float a = 0f;
            float b = 0f;
            for (int p = 0; p < parts; p++) {
                a += partA[p * channels + c];
                if (mode == 2) b += partB[p * channels + c];
            }
            if (mode == 3) {
                first[c] = a;
            } else if (mode == 2) {
                first[c] = a;
                second[c] = b;
            } else {
                first[c] = a / count;
                if (mode == 1) second[c] = 1f / sqrt(a / count + eps);
            }
        }
    }
}
