package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * Weight gradient as an implicit GEMM: dw (OC × C·KH·KW) = dy (OC × N·OH·OW) · colsᵀ, reducing
 * over every output pixel of the batch; the im2col slice is gathered from x into local memory.
 * Tiling as in {@link GemmKernel}: 8×8 work-items per 32×32 tile, a 4×4 register block each.
 *
 * <p>The reduction is split into {@code slices} runs of {@code sliceLength} pixels (split-K): slice
 * s writes its partial dw at {@code dw[s · OC·C·KH·KW ...]}, and the backend adds the slices up.
 * Without the split a first conv layer (OC 32, C·KH·KW 27) is one work-group looping over all
 * 131,072 pixels of a CIFAR batch, leaving all but one of a GPU's multiprocessors idle: on an
 * NVIDIA H200 (2026-12-04) cifar_convnet's training step took 170 ms of device compute without
 * the split and 8.3 ms with it (3.3 ms of which in this kernel).
 *
 * <p>Both tiles are loaded pixel by pixel: the 16 items of a tile row read 16 neighbouring pixels,
 * which a GPU coalesces, and each item takes its pixel apart (image, row, column) once per depth
 * step for all its eight loads. In the H200 run above the x tile was loaded weight-index first:
 * neighbouring items read x from up to 11 rows and 4 channel planes, and every load divided out
 * both the pixel and the weight index (not yet re-measured on a GPU since).
 */
final class ConvBackwardWeightKernel extends Kernel {
    static final int GROUP = 8;
    static final int TILE = 32;
    static final int DEPTH = 16;
    /** Row length of the x tile in local memory: one more than TILE, so that its column-wise stores hit different banks. */
    static final int PADDED = TILE + 1;

    float[] x = new float[1];
    float[] dy = new float[1];
    float[] dw = new float[1];
    int n, c, h, wd, outC, kh, kw, strideH, strideW, padH, padW, dilH, dilW, oh, ow, sliceLength;

    @Local final float[] tileDy = new float[TILE * DEPTH];
    @Local final float[] tileX = new float[DEPTH * PADDED];

    @Override
    public void run() {
        int tx = getLocalId(0), ty = getLocalId(1);
        int lid = ty * GROUP + tx;
        int ocTiles = (outC + TILE - 1) / TILE;
        int slice = getGroupId(1) / ocTiles;
        int oc0 = (getGroupId(1) % ocTiles) * TILE, kk0 = getGroupId(0) * TILE;
        int kSize = c * kh * kw;
        int begin = slice * sliceLength;
        int end = min(n * oh * ow, begin + sliceLength);
        int r = ty * 4, q = tx * 4;
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        // Each item loads one pixel of both tiles for every e: rows row, row + 4, ... of the dy
        // tile and columns row, row + 4, ... of the x tile, neighbouring items on neighbouring pixels.
        int row = lid / DEPTH, col = lid % DEPTH;
        for (int t = begin; t < end; t += DEPTH) {
            int pixel = t + col;
            int img = pixel / (oh * ow), at = pixel % (oh * ow);
            int iy = (at / ow) * strideH - padH, ix = (at % ow) * strideW - padW;
            int dyAt = img * outC * oh * ow + at, xAt = img * c * h * wd;
            for (int e = 0; e < TILE * DEPTH / (GROUP * GROUP); e++) {
                int tileRow = row + e * (GROUP * GROUP / DEPTH); // of the dy tile; the x tile's column
                int oc = oc0 + tileRow;
                float dv = 0f;
                if (oc < outC && pixel < end) dv = dy[dyAt + oc * oh * ow];
                tileDy[lid + e * GROUP * GROUP] = dv;
                int kk = kk0 + tileRow;
                float xv = 0f;
                if (pixel < end && kk < kSize) {
                    int ch = kk / (kh * kw);
                    int ih = iy + ((kk / kw) % kh) * dilH;
                    int iw = ix + (kk % kw) * dilW;
                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) xv = x[xAt + (ch * h + ih) * wd + iw];
                }
                tileX[col * PADDED + tileRow] = xv;
            }
            localBarrier();
            for (int p = 0; p < DEPTH; p++) {
                float a0 = tileDy[r * DEPTH + p], a1 = tileDy[(r + 1) * DEPTH + p];
                float a2 = tileDy[(r + 2) * DEPTH + p], a3 = tileDy[(r + 3) * DEPTH + p];
                float b0 = tileX[p * PADDED + q], b1 = tileX[p * PADDED + q + 1];
                float b2 = tileX[p * PADDED + q + 2], b3 = tileX[p * PADDED + q + 3];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            localBarrier();
        }
        int i = oc0 + r, j = kk0 + q, part = slice * outC * kSize;
        store(part, i, j, c00); store(part, i, j + 1, c01); store(part, i, j + 2, c02); store(part, i, j + 3, c03);
        store(part, i + 1, j, c10); store(part, i + 1, j + 1, c11); store(part, i + 1, j + 2, c12); store(part, i + 1, j + 3, c13);
        store(part, i + 2, j, c20); store(part, i + 2, j + 1, c21); store(part, i + 2, j + 2, c22); store(part, i + 2, j + 3, c23);
        store(part, i + 3, j, c30); store(part, i + 3, j + 1, c31); store(part, i + 3, j + 2, c32); store(part, i + 3, j + 3, c33);
    }

    private void store(int part, int oc, int kk, float sum) {
        if (oc < outC && kk < c * kh * kw) dw[part + oc * c * kh * kw + kk] = sum;
    }
}
