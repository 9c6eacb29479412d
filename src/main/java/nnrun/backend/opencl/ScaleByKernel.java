package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** x[i] *= factor[0], a factor a kernel computed, so that it never visits the host. */
final class ScaleByKernel extends Kernel {
    float[] x = new float[1];
    float[] factor = new float[1];
    int n;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) x[i] = x[i] * factor[0];
    }
}
