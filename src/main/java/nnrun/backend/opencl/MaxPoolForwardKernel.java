package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** One work-item per output: the window's maximum and its flat input index (ties: first; NaN wins). */
final class MaxPoolForwardKernel extends Kernel {
    float[] x = new float[1];
    float[] y = new float[1];
    int[] argmax = new int[1];
    int total;
    int h, wd, kh, kw, strideH, strideW, padH, padW, oh, ow;

    @Override
    public void run() {
        int o = getGlobalId();
        if (o < total) {
            int j = o % ow;
            int i = (o / ow) % oh;
            int plane = o / (ow * oh);
            float best = 0f;
            int at = -1;
            for (int u = 0; u < kh; u++) {
                int ih = i * strideH - padH + u;
                if (ih >= 0 && ih < h) {
                    for (int v = 0; v < kw; v++) {
                        int iw = j * strideW - padW + v;
                        if (iw >= 0 && iw < wd) {
                            int idx = (plane * h + ih) * wd + iw;
                            float xv = x[idx];
                            if (at < 0 || xv > best || xv != xv) {
                                best = xv;
                                at = idx;
                            }
                        }
                    }
                }
            }
            y[o] = best;
            argmax[o] = at;
        }
    }
}
