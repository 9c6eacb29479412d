package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** y[i] += alpha·x[i]; with scaleOnly set, y[i] *= alpha (x unused). */
final class AxpyKernel extends Kernel {
    float[] x = new float[1];
    float[] y = new float[1];
    int n;
    float alpha;
    int scaleOnly;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            if (scaleOnly == 1) y[i] = alpha * y[i];
            else y[i] = y[i] + alpha * x[i];
        }
    }
}
