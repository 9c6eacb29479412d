package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per input element: sums dy over the windows that cover it and chose it as their
 * argmax. Gathering instead of scattering needs no atomics.
 */
final class MaxPoolBackwardKernel extends Kernel {
    float[] dy = new float[1];
    int[] argmax = new int[1];
    float[] dx = new float[1];
    int total;
    int h, wd, kh, kw, strideH, strideW, padH, padW, oh, ow;

    @Override
    public void run() {
        int gid = getGlobalId();
        if (gid < total) {
            int iw = gid % wd;
            int ih = (gid / wd) % h;
            int plane = gid / (wd * h);
            int lowI = ih + padH - kh + 1;
            int firstI = lowI <= 0 ? 0 : (lowI + strideH - 1) / strideH;
            int lastI = min((ih + padH) / strideH, oh - 1);
            int lowJ = iw + padW - kw + 1;
            int firstJ = lowJ <= 0 ? 0 : (lowJ + strideW - 1) / strideW;
            int lastJ = min((iw + padW) / strideW, ow - 1);
            float acc = 0f;
            for (int i = firstI; i <= lastI; i++) {
                for (int j = firstJ; j <= lastJ; j++) {
                    int o = (plane * oh + i) * ow + j;
                    if (argmax[o] == gid) acc += dy[o];
                }
            }
            dx[gid] = acc;
        }
    }
}
