package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * The slopes of a power, one work-item per element. Base (exponentSlope = 0): out = g·p·x^(p−1), 0 for
 * p = 0. Exponent (exponentSlope = 1): out = g·ln x with x the base and g the power y = x^b, 0 where x = 0.
 */
final class PowSlopeKernel extends Kernel {
    float[] x = new float[1];
    float[] g = new float[1];
    float[] out = new float[1];
    int n, exponentSlope;
    float p;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float r = 0f;
            if (exponentSlope == 1) {
                if (x[i] != 0f) r = g[i] * log(x[i]);
            } else if (p != 0f) {
                r = g[i] * p * pow(x[i], p - 1f);
            }
            out[i] = r;
        }
    }
}
