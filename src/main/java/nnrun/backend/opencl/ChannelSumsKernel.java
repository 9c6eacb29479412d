package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Partial per-channel sums of x viewed as [n, channels, spatial]: work-item (p, c) sums x (and
 * x·times when hasTimes is 1) over images p, p + parts, p + 2·parts, ... of channel c. The host
 * adds the parts up in double, so only parts × channels numbers leave the device.
 */
final class ChannelSumsKernel extends Kernel {
    float[] x = new float[1];
    float[] times = new float[1];
    float[] partSum = new float[1];
    float[] partDot = new float[1];
    int n, channels, spatial, parts, hasTimes;

    @Override
    public void run() {
        int id = getGlobalId();
        if (id < parts * channels) {
            int p = id / channels;
            int c = id % channels;
            float s = 0f;
            float d = 0f;
            for (int i = p; i < n; i += parts) {
                int o = (i * channels + c) * spatial;
                for (int k = 0; k < spatial; k++) {
                    s += x[o + k];
                    if (hasTimes == 1) d += x[o + k] * times[o + k];
                }
            }
            partSum[id] = s;
            if (hasTimes == 1) partDot[id] = d; // otherwise partDot is a one-element placeholder
        }
    }
}
