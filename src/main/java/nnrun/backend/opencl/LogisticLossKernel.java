package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per score, with u = −y·z: forward, out = max(u, 0) + log1p(exp(−|u|)) (the loss term,
 * finite for any finite score); backward (backward = 1), out = −y·σ(u)·scale with the stable sigmoid.
 */
final class LogisticLossKernel extends Kernel {
    float[] z = new float[1];
    float[] y = new float[1];
    float[] out = new float[1];
    int n, backward;
    float scale;

    @Override
    public void run() {
        int k = getGlobalId();
        if (k < n) {
            float u = -y[k] * z[k];
            if (backward == 1) {
                float sigmoid = 0f;
                if (u >= 0f) sigmoid = 1f / (1f + exp(-u));
                else sigmoid = exp(u) / (1f + exp(u));
                out[k] = -y[k] * sigmoid * scale;
            } else {
                out[k] = max(u, 0f) + log1p(exp(-abs(u)));
            }
        }
    }
}
