package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** One work-item: coef[0] = min(1, maxNorm/(√Σ parts + 1e-6)), the factor clip_grad_norm_ scales by. */
final class ClipCoefficientKernel extends Kernel {
    float[] parts = new float[1];
    float[] coef = new float[1];
    int count;
    float maxNorm;

    @Override
    public void run() {
        if (getGlobalId() == 0) {
            float s = 0f;
            for (int p = 0; p < count; p++) s += parts[p];
            coef[0] = min(1f, maxNorm / (sqrt(s) + 1e-6f));
        }
    }
}
