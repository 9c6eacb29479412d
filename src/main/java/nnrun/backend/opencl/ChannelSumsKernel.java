package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Partial per-channel sums of x viewed as [n, channels, spatial]. Work-group (p, c), of
 * {@value #GROUP} items, covers elements [p·partLength, (p + 1)·partLength) of channel c in
 * (image, pixel) order, and writes Σ x into partSum and, into partDot, Σ x·times (hasTimes = 1)
 * or Σ (x − center[c])² (centered = 1, batch norm's variance; partSum is then not written). Only
 * parts × channels numbers come out, for the host or a {@link ChannelPartsKernel}.
 *
 * <p>The items of a group read neighbouring pixels, so that a GPU coalesces their loads, and add
 * their sums in local memory. The kernel this replaced gave each work-item whole images of one
 * channel: neighbouring items read 4 KiB apart, and a CIFAR batch made only 128 × 32 items, about
 * 31 per multiprocessor of an NVIDIA H200, where channel sums took 0.74 ms of cifar_convnet's
 * 8.3 ms training step (2026-12-04).
 */
final class ChannelSumsKernel extends Kernel {
    static final int GROUP = 64;

    float[] x = new float[1];
    float[] times = new float[1];
    float[] center = new float[1];
    float[] partSum = new float[1];
    float[] partDot = new float[1];
    int n, channels, spatial, partLength, hasTimes, centered;

    @Local final float[] groupSum = new float[GROUP];
    @Local final float[] groupDot = new float[GROUP];

    @Override
    public void run() {
        int part = getGroupId() / channels;
        int c = getGroupId() % channels;
        int item = getLocalId();
        int end = min(n * spatial, (part + 1) * partLength);
        // (image, pixel) of element j, stepped by GROUP without a division in the loop.
        int j = part * partLength + item;
        int img = j / spatial;
        int k = j % spatial;
        int imgStep = GROUP / spatial;
        int kStep = GROUP % spatial;
        float mu = centered == 1 ? center[c] : 0f;
        float s = 0f;
        float d = 0f;
        while (j < end) {
            int o = (img * channels + c) * spatial + k;
            float v = x[o];
            s += v;
            if (hasTimes == 1) d += v * times[o];
            if (centered == 1) d += (v - mu) * (v - mu);
            j += GROUP;
            img += imgStep;
            k += kStep;
            if (k >= spatial) {
                k -= spatial;
                img++;
            }
        }
        groupSum[item] = s;
        groupDot[item] = d;
        localBarrier();
        for (int width = GROUP / 2; width > 0; width = width / 2) {
            if (item < width) {
                groupSum[item] += groupSum[item + width];
                groupDot[item] += groupDot[item + width];
            }
            localBarrier();
        }
        if (item == 0) {
            if (centered == 0) partSum[getGroupId()] = groupSum[0];
            if (hasTimes == 1 || centered == 1) partDot[getGroupId()] = groupDot[0]; // otherwise a one-element placeholder
        }
    }
}
