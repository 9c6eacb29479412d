package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Partial per-channel sums of x viewed as [n, channels, spatial]: work-item (p, c) covers images p,
 * p + parts, p + 2·parts, ... of channel c and writes Σ x into partSum and, into partDot, Σ x·times
 * (hasTimes = 1) or Σ (x − center[c])² (centered = 1, batch norm's variance; partSum is then not
 * written). Only parts × channels numbers come out, for the host or a {@link ChannelPartsKernel}.
 */
final class ChannelSumsKernel extends Kernel {
    float[] x = new float[1];
    float[] times = new float[1];
    float[] center = new float[1];
    float[] partSum = new float[1];
    float[] partDot = new float[1];
    int n, channels, spatial, parts, hasTimes, centered;

    @Override
    public void run() {
        int id = getGlobalId();
        if (id < parts * channels) {
            int p = id / channels;
            int c = id % channels;
            float mu = centered == 1 ? center[c] : 0f;
            float s = 0f;
            float d = 0f;
            for (int i = p; i < n; i += parts) {
                int o = (i * channels + c) * spatial;
                for (int k = 0; k < spatial; k++) {
                    float v = x[o + k];
                    s += v;
                    if (hasTimes == 1) d += v * times[o + k];
                    if (centered == 1) d += (v - mu) * (v - mu);
                }
            }
            if (centered == 0) partSum[id] = s;
            if (hasTimes == 1 || centered == 1) partDot[id] = d; // otherwise partDot is a one-element placeholder
        }
    }
}
