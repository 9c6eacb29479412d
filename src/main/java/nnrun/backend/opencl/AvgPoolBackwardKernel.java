package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** One work-item per input element: the sum of dy/(KH·KW) over the windows that cover it. */
final class AvgPoolBackwardKernel extends Kernel {
    float[] dy = new float[1];
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
                for (int j = firstJ; j <= lastJ; j++) acc += dy[(plane * oh + i) * ow + j];
            }
            dx[gid] = acc / (kh * kw);
        }
    }
}
