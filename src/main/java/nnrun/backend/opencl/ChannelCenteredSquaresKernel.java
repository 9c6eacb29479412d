package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Partial per-channel sums of (x − mean[c])² over x viewed as [n, channels, spatial], laid out
 * as {@link ChannelSumsKernel}'s: work-item (p, c) covers images p, p + parts, ... of channel c.
 */
final class ChannelCenteredSquaresKernel extends Kernel {
    float[] x = new float[1];
    float[] mean = new float[1];
    float[] partSq = new float[1];
    int n, channels, spatial, parts;

    @Override
    public void run() {
        int id = getGlobalId();
        if (id < parts * channels) {
            int p = id / channels;
            int c = id % channels;
            float mu = mean[c];
            float s = 0f;
            for (int i = p; i < n; i += parts) {
                int o = (i * channels + c) * spatial;
                for (int k = 0; k < spatial; k++) s += (x[o + k] - mu) * (x[o + k] - mu);
            }
            partSq[id] = s;
        }
    }
}
