package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** Forward: out = x > 0 ? x : slope·x. Backward (backward = 1): out = x > 0 ? g : slope·g. */
final class LeakyReluKernel extends Kernel {
    float[] x = new float[1];
    float[] g = new float[1];
    float[] out = new float[1];
    int n, backward;
    float slope;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float through = backward == 1 ? g[i] : x[i];
            out[i] = x[i] > 0f ? through : slope * through;
        }
    }
}
