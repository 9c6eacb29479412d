package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** y = x·scale[c] + shift[c] for x viewed as [n, channels, spatial]; one work-item per element. */
final class ChannelAffineKernel extends Kernel {
    float[] x = new float[1];
    float[] scale = new float[1];
    float[] shift = new float[1];
    float[] y = new float[1];
    int total, channels, spatial;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < total) {
            int c = (i / spatial) % channels;
            y[i] = x[i] * scale[c] + shift[c];
        }
    }
}
