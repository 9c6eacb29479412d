package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per element of [n, channels, spatial], channel c. Forward: xhat = (x − mean[c])·invStd[c]
 * and y = γ[c]·xhat + β[c]. Backward (backward = 1), with k = γ[c]·invStd[c]/m:
 * dx = g·(k·m) + (xhat·(−k·dGamma[c]) − k·dBeta[c]).
 */
final class BatchNormKernel extends Kernel {
    float[] x = new float[1];
    float[] xhat = new float[1];
    float[] y = new float[1];
    float[] mean = new float[1];
    float[] invStd = new float[1];
    float[] gamma = new float[1];
    float[] beta = new float[1];
    float[] g = new float[1];
    float[] dGamma = new float[1];
    float[] dBeta = new float[1];
    float[] dx = new float[1];
    int total, channels, spatial, backward;
    float m;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < total) {
            int c = (i / spatial) % channels;
            if (backward == 1) {
                float k = gamma[c] * invStd[c] / m;
                dx[i] = g[i] * (k * m) + (xhat[i] * (-k * dGamma[c]) + (-k * dBeta[c]));
            } else {
                float h = (x[i] - mean[c]) * invStd[c];
                xhat[i] = h;
                y[i] = gamma[c] * h + beta[c];
            }
        }
    }
}
