package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Input gradient as an implicit GEMM that gathers instead of scattering:
 * dx (C × N·H·W) = wᵀ (C × OC·KH·KW) · g, where g((oc, u, v), input pixel) is the dy element whose
 * window put weight (u, v) on that pixel, or 0 when stride or bounds say no window did. No two
 * work-items write the same element, so no atomics. Tiling as in {@link GemmKernel}.
 */
final class ConvBackwardInputKernel extends Kernel {
    static final int GROUP = 8;
    static final int TILE = 32;
    static final int DEPTH = 16;

    float[] dy = new float[1];
    float[] w = new float[1];
    float[] dx = new float[1];
    int n, c, h, wd, outC, kh, kw, strideH, strideW, padH, padW, dilH, dilW, oh, ow;

    @Local final float[] tileW = new float[TILE * DEPTH];
    @Local final float[] tileDy = new float[DEPTH * TILE];

    @Override
    public void run() {
        int tx = getLocalId(0), ty = getLocalId(1);
        int lid = ty * GROUP + tx;
        int ch0 = getGroupId(1) * TILE, pix0 = getGroupId(0) * TILE;
        int depth = outC * kh * kw;
        int pixels = n * h * wd;
        int r = ty * 4, q = tx * 4;
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        // The dy tile's input pixel is the same for every load of an item (column lid % TILE): taken apart once.
        int pix = pix0 + lid % TILE;
        int dyAt = (pix / (h * wd)) * outC * oh * ow;
        int iy = (pix / wd) % h + padH, ix = pix % wd + padW;
        for (int t = 0; t < depth; t += DEPTH) {
            for (int e = 0; e < TILE * DEPTH / (GROUP * GROUP); e++) {
                int idx = lid + e * GROUP * GROUP;
                int ch = ch0 + idx / DEPTH, wp = t + idx % DEPTH;
                float wv = 0f;
                if (ch < c && wp < depth) {
                    int oc = wp / (kh * kw);
                    wv = w[(oc * c + ch) * kh * kw + wp % (kh * kw)];
                }
                tileW[idx] = wv;
                int gp = t + idx / TILE;
                float gv = 0f;
                if (gp < depth && pix < pixels) {
                    int ti = iy - ((gp / kw) % kh) * dilH;   // = i·strideH for the output row i that used (ih, u)
                    int tj = ix - (gp % kw) * dilW;
                    // Stride 1 (every reference ConvNet) needs no division: the output row is ti itself.
                    int oi = strideH == 1 ? ti : ti / strideH, oj = strideW == 1 ? tj : tj / strideW;
                    if (ti >= 0 && tj >= 0 && oi * strideH == ti && oj * strideW == tj && oi < oh && oj < ow)
                        gv = dy[dyAt + ((gp / (kh * kw)) * oh + oi) * ow + oj];
                }
                tileDy[idx] = gv;
            }
            localBarrier();
            for (int p = 0; p < DEPTH; p++) {
                float a0 = tileW[r * DEPTH + p], a1 = tileW[(r + 1) * DEPTH + p];
                float a2 = tileW[(r + 2) * DEPTH + p], a3 = tileW[(r + 3) * DEPTH + p];
                float b0 = tileDy[p * TILE + q], b1 = tileDy[p * TILE + q + 1];
                float b2 = tileDy[p * TILE + q + 2], b3 = tileDy[p * TILE + q + 3];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            localBarrier();
        }
        int i = ch0 + r, j = pix0 + q;
        store(i, j, c00); store(i, j + 1, c01); store(i, j + 2, c02); store(i, j + 3, c03);
        store(i + 1, j, c10); store(i + 1, j + 1, c11); store(i + 1, j + 2, c12); store(i + 1, j + 3, c13);
        store(i + 2, j, c20); store(i + 2, j + 1, c21); store(i + 2, j + 2, c22); store(i + 2, j + 3, c23);
        store(i + 3, j, c30); store(i + 3, j + 1, c31); store(i + 3, j + 2, c32); store(i + 3, j + 3, c33);
    }

    private void store(int ch, int pix, float sum) {
        if (ch < c && pix < n * h * wd) {
            int img = pix / (h * wd);
            dx[(img * c + ch) * h * wd + pix % (h * wd)] = sum;
        }
    }
}
