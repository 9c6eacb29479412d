package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Input gradient by gathering: one work-item per element of dx sums dy·w over every output
 * position whose window covered it, so no two work-items write the same element.
 */
final class ConvBackwardInputKernel extends Kernel {
    float[] dy = new float[1];
    float[] w = new float[1];
    float[] dx = new float[1];
    int total;
    int c, h, wd, outC, kh, kw, strideH, strideW, padH, padW, dilH, dilW, oh, ow;

    @Override
    public void run() {
        int gid = getGlobalId();
        if (gid < total) {
            int iw = gid % wd;
            int ih = (gid / wd) % h;
            int ch = (gid / (wd * h)) % c;
            int img = gid / (wd * h * c);
            float acc = 0f;
            for (int u = 0; u < kh; u++) {
                int ti = ih + padH - u * dilH;          // = i·strideH for the output row i that uses (ih, u)
                if (ti >= 0 && ti % strideH == 0 && ti / strideH < oh) {
                    int i = ti / strideH;
                    for (int v = 0; v < kw; v++) {
                        int tj = iw + padW - v * dilW;
                        if (tj >= 0 && tj % strideW == 0 && tj / strideW < ow) {
                            int j = tj / strideW;
                            for (int oc = 0; oc < outC; oc++) {
                                acc += dy[((img * outC + oc) * oh + i) * ow + j]
                                        * w[((oc * c + ch) * kh + u) * kw + v];
                            }
                        }
                    }
                }
            }
            dx[gid] = acc;
        }
    }
}
