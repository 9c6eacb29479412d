package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Convolution forward as an implicit GEMM: y (OC × N·OH·OW) = w (OC × C·KH·KW) · cols, where the
 * im2col matrix is never stored; each slice of it is gathered from x straight into local memory.
 * Tiling as in {@link GemmKernel}: 8×8 work-items per 32×32 tile, a 4×4 register block each.
 */
final class ConvForwardKernel extends Kernel {
    static final int GROUP = 8;
    static final int TILE = 32;
    static final int DEPTH = 16;

    float[] x = new float[1];
    float[] w = new float[1];
    float[] bias = new float[1];
    float[] y = new float[1];
    int hasBias;
    int n, c, h, wd, outC, kh, kw, strideH, strideW, padH, padW, dilH, dilW, oh, ow;

    @Local final float[] tileW = new float[TILE * DEPTH];
    @Local final float[] tileX = new float[DEPTH * TILE];

    @Override
    public void run() {
        int tx = getLocalId(0), ty = getLocalId(1);
        int lid = ty * GROUP + tx;
        int oc0 = getGroupId(1) * TILE, pix0 = getGroupId(0) * TILE;
        int kSize = c * kh * kw;
        int pixels = n * oh * ow;
        int r = ty * 4, q = tx * 4;
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        // The x tile's pixel is the same for every load of an item (column lid % TILE): taken apart once.
        int pix = pix0 + lid % TILE;
        int at = pix % (oh * ow);
        int iy = (at / ow) * strideH - padH, ix = (at % ow) * strideW - padW;
        int xAt = (pix / (oh * ow)) * c * h * wd;
        for (int t = 0; t < kSize; t += DEPTH) {
            for (int e = 0; e < TILE * DEPTH / (GROUP * GROUP); e++) {
                int idx = lid + e * GROUP * GROUP;
                int oc = oc0 + idx / DEPTH, wp = t + idx % DEPTH;
                float wv = 0f;
                if (oc < outC && wp < kSize) wv = w[oc * kSize + wp];
                tileW[idx] = wv;
                int xp = t + idx / TILE;
                float xv = 0f;
                if (xp < kSize && pix < pixels) {
                    int ih = iy + ((xp / kw) % kh) * dilH;
                    int iw = ix + (xp % kw) * dilW;
                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) xv = x[xAt + ((xp / (kh * kw)) * h + ih) * wd + iw];
                }
                tileX[idx] = xv;
            }
            localBarrier();
            for (int p = 0; p < DEPTH; p++) {
                float a0 = tileW[r * DEPTH + p], a1 = tileW[(r + 1) * DEPTH + p];
                float a2 = tileW[(r + 2) * DEPTH + p], a3 = tileW[(r + 3) * DEPTH + p];
                float b0 = tileX[p * TILE + q], b1 = tileX[p * TILE + q + 1];
                float b2 = tileX[p * TILE + q + 2], b3 = tileX[p * TILE + q + 3];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            localBarrier();
        }
        int i = oc0 + r, j = pix0 + q;
        store(i, j, c00); store(i, j + 1, c01); store(i, j + 2, c02); store(i, j + 3, c03);
        store(i + 1, j, c10); store(i + 1, j + 1, c11); store(i + 1, j + 2, c12); store(i + 1, j + 3, c13);
        store(i + 2, j, c20); store(i + 2, j + 1, c21); store(i + 2, j + 2, c22); store(i + 2, j + 3, c23);
        store(i + 3, j, c30); store(i + 3, j + 1, c31); store(i + 3, j + 2, c32); store(i + 3, j + 3, c33);
    }

    private void store(int oc, int pix, float sum) {
        if (oc < outC && pix < n * oh * ow) {
            int img = pix / (oh * ow);
            float out = sum;
            if (hasBias == 1) out += bias[oc];
            y[(img * outC + oc) * oh * ow + pix % (oh * ow)] = out;
        }
    }
}
