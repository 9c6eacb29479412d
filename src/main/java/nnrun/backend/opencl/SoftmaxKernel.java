package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per lane (o, i) of outer×len×inner. Forward: out = softmax of x along the lane,
 * max-shifted. Backward (backward = 1): out = y·(g − Σ g·y) with y in x.
 */
final class SoftmaxKernel extends Kernel {
    float[] x = new float[1];
    float[] g = new float[1];
    float[] out = new float[1];
    int outer, len, inner, backward;

    @Override
    public void run() {
        int lane = getGlobalId();
        if (lane < outer * inner) {
            int base = (lane / inner) * len * inner + lane % inner;
            if (backward == 1) {
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
