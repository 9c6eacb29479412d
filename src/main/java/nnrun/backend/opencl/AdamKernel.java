package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** {@link nnrun.backend.AdamRule} for one element per work-item: weights, gradients and both moments stay on the device. */
final class AdamKernel extends Kernel {
    float[] w = new float[1];
    float[] g = new float[1];
    float[] m = new float[1];
    float[] v = new float[1];
    int n, decoupled;
    float stepSize, beta1, beta2, eps, correction2Sqrt, weightDecay, shrink;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float d = g[i];
            if (weightDecay != 0f) {
                if (decoupled == 1) w[i] = w[i] * shrink;
                else d = d + weightDecay * w[i];
            }
            m[i] = beta1 * m[i] + (1f - beta1) * d;
            v[i] = beta2 * v[i] + (1f - beta2) * d * d;
            w[i] = w[i] - stepSize * (m[i] / (sqrt(v[i]) / correction2Sqrt + eps));
        }
    }
}
