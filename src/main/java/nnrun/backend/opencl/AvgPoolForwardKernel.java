package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** One work-item per output: the window's sum over in-range inputs divided by the full window size. */
final class AvgPoolForwardKernel extends Kernel {
    float[] x = new float[1];
    float[] y = new float[1];
    int total;
    int h, wd, kh, kw, strideH, strideW, padH, padW, oh, ow;

    @Override
    public void run() {
        int o = getGlobalId();
        if (o < total) {
            int j = o % ow;
            int i = (o / ow) % oh;
            int plane = o / (ow * oh);
            float acc = 0f;
            for (int u = 0; u < kh; u++) {
                int ih = i * strideH - padH + u;
                if (ih >= 0 && ih < h) {
                    for (int v = 0; v < kw; v++) {
                        int iw = j * strideW - padW + v;
                        if (iw >= 0 && iw < wd) acc += x[(plane * h + ih) * wd + iw];
                    }
                }
            }
            y[o] = acc / (kh * kw);
        }
    }
}
