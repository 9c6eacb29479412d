package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** dx[i] = g[i] where y[i] > 0, else 0. */
final class ReluBackwardKernel extends Kernel {
    float[] y = new float[1];
    float[] g = new float[1];
    float[] dx = new float[1];
    int n;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) dx[i] = y[i] > 0f ? g[i] : 0f;
    }
}
