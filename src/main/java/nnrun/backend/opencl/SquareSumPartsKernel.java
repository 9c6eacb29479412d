package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** Work-item p writes parts[offset + p] = Σ x[i]² over i = p, p + count, p + 2·count, ... < n. */
final class SquareSumPartsKernel extends Kernel {
    float[] x = new float[1];
    float[] parts = new float[1];
    int n, count, offset;

    @Override
    public void run() {
        int p = getGlobalId();
        if (p < count) {
            float s = 0f;
            for (int i = p; i < n; i += count) s += x[i] * x[i];
            parts[offset + p] = s;
        }
    }
}
