package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Convolution forward as an implicit GEMM: y (OC × N·OH·OW) = w (OC × C·KH·KW) · cols, where the
 * im2col matrix is never stored; each tile of it is gathered from x straight into local memory.
 */
final class ConvForwardKernel extends Kernel {
    static final int TILE = 16;

    float[] x = new float[1];
    float[] w = new float[1];
    float[] bias = new float[1];
    float[] y = new float[1];
    int hasBias;
    int n, c, h, wd, outC, kh, kw, strideH, strideW, padH, padW, dilH, dilW, oh, ow;

    @Local final float[] tileW = new float[TILE * TILE];
    @Local final float[] tileX = new float[TILE * TILE];

    @Override
    public void run() {
        int tx = getLocalId(0), ty = getLocalId(1);
        int pix = getGroupId(0) * TILE + tx;   // column: one output pixel of one image
        int oc = getGroupId(1) * TILE + ty;    // row: one output channel
        int kSize = c * kh * kw;
        int pixels = n * oh * ow;
        float acc = 0f;
        for (int t = 0; t < kSize; t += TILE) {
            int wp = t + tx;
            float wv = 0f;
            if (oc < outC && wp < kSize) wv = w[oc * kSize + wp];
            int xp = t + ty;
            float xv = 0f;
            if (xp < kSize && pix < pixels) {
                int ch = xp / (kh * kw);
                int u = (xp / kw) % kh;
                int v = xp % kw;
                int img = pix / (oh * ow);
                int i = (pix / ow) % oh;
                int j = pix % ow;
                int ih = i * strideH - padH + u * dilH;
                int iw = j * strideW - padW + v * dilW;
                if (ih >= 0 && ih < h && iw >= 0 && iw < wd) xv = x[((img * c + ch) * h + ih) * wd + iw];
            }
            tileW[ty * TILE + tx] = wv;
            tileX[ty * TILE + tx] = xv;
            localBarrier();
            for (int q = 0; q < TILE; q++) acc += tileW[ty * TILE + q] * tileX[q * TILE + tx];
            localBarrier();
        }
        if (oc < outC && pix < pixels) {
            int img = pix / (oh * ow);
            int rest = pix % (oh * ow);
            if (hasBias == 1) acc += bias[oc];
            y[(img * outC + oc) * oh * ow + rest] = acc;
        }
    }
}
