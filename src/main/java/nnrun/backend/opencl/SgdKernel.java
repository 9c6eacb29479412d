package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** {@link nnrun.backend.SgdRule} for one element per work-item: weights, gradients and momentum stay on the device. */
final class SgdKernel extends Kernel {
    float[] w = new float[1];
    float[] g = new float[1];
    float[] b = new float[1];
    int n;
    float lr, momentum, keep, weightDecay;
    int nesterov, firstStep;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float d = g[i];
            if (weightDecay != 0f) d = g[i] + weightDecay * w[i];
            if (momentum != 0f) {
                if (firstStep == 1) b[i] = d;
                else b[i] = momentum * b[i] + keep * d;
                if (nesterov == 1) d = d + momentum * b[i];
                else d = b[i];
            }
            w[i] = w[i] - lr * d;
        }
    }
}
