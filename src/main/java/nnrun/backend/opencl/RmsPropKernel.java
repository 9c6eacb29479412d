package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** {@link nnrun.backend.RmsPropRule} for one element per work-item. */
final class RmsPropKernel extends Kernel {
    float[] w = new float[1];
    float[] g = new float[1];
    float[] v = new float[1];
    float[] a = new float[1];
    float[] b = new float[1];
    int n, centered, hasMomentum;
    float lr, alpha, eps, weightDecay, momentum;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float d = g[i];
            if (weightDecay != 0f) d = g[i] + weightDecay * w[i];
            v[i] = alpha * v[i] + (1f - alpha) * d * d;
            float meanSq = v[i];
            if (centered == 1) {
                a[i] = alpha * a[i] + (1f - alpha) * d;
                meanSq = meanSq - a[i] * a[i];
            }
            float s = sqrt(meanSq) + eps;
            if (hasMomentum == 1) {
                b[i] = momentum * b[i] + d / s;
                w[i] = w[i] - lr * b[i];
            } else {
                w[i] = w[i] - lr * (d / s);
            }
        }
    }
}
