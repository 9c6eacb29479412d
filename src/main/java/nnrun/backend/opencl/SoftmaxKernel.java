package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per lane (o, i) of outer×len×inner. Forward: out = softmax of x along the lane,
 * max-shifted. Backward (backward = 1): out = y·(g − Σ g·y) with y in x. With logSpace = 1 the same for
 * log-softmax: out = x − m − log Σ exp(x − m), and backward out = g − exp(y)·Σ g.
 */
final class SoftmaxKernel extends Kernel {
    float[] x = new float[1];
    float[] g = new float[1];
    float[] out = new float[1];
    int outer, len, inner, backward, logSpace;

    @Override
    public void run() {
        int lane = getGlobalId();
        if (lane < outer * inner) {
            int base = (lane / inner) * len * inner + lane % inner;
            if (logSpace == 1 && backward == 1) {
                float sum = 0f;
                for (int j = 0; j < len; j++) sum += g[base + j * inner];
                for (int j = 0; j < len; j++) out[base + j * inner] = g[base + j * inner] - exp(x[base + j * inner]) * sum;
            } else if (logSpace == 1) {
                float top = x[base];
                for (int j = 1; j < len; j++) top = max(top, x[base + j * inner]);
                float z = 0f;
                for (int j = 0; j < len; j++) z += exp(x[base + j * inner] - top);
                float logZ = top + log(z);
                for (int j = 0; j < len; j++) out[base + j * inner] = x[base + j * inner] - logZ;
            } else if (backward == 1) {
                float dot = 0f;
                for (int j = 0; j < len; j++) dot += g[base + j * inner] * x[base + j * inner];
                for (int j = 0; j < len; j++) out[base + j * inner] = x[base + j * inner] * (g[base + j * inner] - dot);
            } else {
                float top = x[base];
                for (int j = 1; j < len; j++) top = max(top, x[base + j * inner]);
                float z = 0f;
                for (int j = 0; j < len; j++) z += exp(x[base + j * inner] - top);
                for (int j = 0; j < len; j++) out[base + j * inner] = exp(x[base + j * inner] - top) / z;
            }
        }
    }
}
