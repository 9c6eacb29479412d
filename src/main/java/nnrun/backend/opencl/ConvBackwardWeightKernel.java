package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Weight gradient as an implicit GEMM: dw (OC × C·KH·KW) = dy (OC × N·OH·OW) · colsᵀ, reducing
 * over every output pixel of the batch; the im2col tile is gathered from x into local memory.
 */
final class ConvBackwardWeightKernel extends Kernel {
    static final int TILE = 16;

    float[] x = new float[1];
    float[] dy = new float[1];
    float[] dw = new float[1];
    int n, c, h, wd, outC, kh, kw, strideH, strideW, padH, padW, dilH, dilW, oh, ow;

    @Local final float[] tileDy = new float[TILE * TILE];
    @Local final float[] tileX = new float[TILE * TILE];

    @Override
    public void run() {
        int tx = getLocalId(0), ty = getLocalId(1);
        int kk = getGroupId(0) * TILE + tx;    // column: one (channel, u, v) weight position
        int oc = getGroupId(1) * TILE + ty;    // row: one output channel
        int kSize = c * kh * kw;
        int pixels = n * oh * ow;
        float acc = 0f;
        for (int t = 0; t < pixels; t += TILE) {
            int dp = t + tx;
            float dv = 0f;
            if (oc < outC && dp < pixels) {
                int img = dp / (oh * ow);
                dv = dy[(img * outC + oc) * oh * ow + dp % (oh * ow)];
            }
            int xp = t + ty;
            float xv = 0f;
            if (xp < pixels && kk < kSize) {
                int ch = kk / (kh * kw);
                int u = (kk / kw) % kh;
                int v = kk % kw;
                int img = xp / (oh * ow);
                int i = (xp / ow) % oh;
                int j = xp % ow;
                int ih = i * strideH - padH + u * dilH;
                int iw = j * strideW - padW + v * dilW;
                if (ih >= 0 && ih < h && iw >= 0 && iw < wd) xv = x[((img * c + ch) * h + ih) * wd + iw];
            }
            tileDy[ty * TILE + tx] = dv;
            tileX[ty * TILE + tx] = xv;
            localBarrier();
            for (int q = 0; q < TILE; q++) acc += tileDy[ty * TILE + q] * tileX[q * TILE + tx];
            localBarrier();
        }
        if (oc < outC && kk < kSize) dw[oc * kSize + kk] = acc;
    }
}
