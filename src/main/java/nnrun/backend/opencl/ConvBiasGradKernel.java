package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** dbias[oc] = Σ over images and output pixels of dy; one work-item per output channel. */
final class ConvBiasGradKernel extends Kernel {
    float[] dy = new float[1];
    float[] dbias = new float[1];
    int n, outC, pixels;

    @Override
    public void run() {
        int oc = getGlobalId();
        if (oc < outC) {
            float acc = 0f;
            for (int img = 0; img < n; img++) {
                int base = (img * outC + oc) * pixels;
                for (int p = 0; p < pixels; p++) acc += dy[base + p];
            }
            dbias[oc] = acc;
        }
    }
}
