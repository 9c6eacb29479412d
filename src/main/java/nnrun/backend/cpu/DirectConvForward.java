package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward convolution straight from the images' {@link ShiftedPlanes}: an implicit GEMM
 * y[o][t] = Σ_q W[o][q]·plane[t + offset(q)] whose B operand is read in place, so there is
 * neither an im2col copy nor a packed B panel. Each register tile is {@link #ROWS} output
 * channels × 2 vectors of pixels, with the channels' weights packed once per call: 8 channels
 * (16 accumulators) where there are 32 vector registers, 5 (10 accumulators) on AVX2's 16. On
 * AVX2 C2 spills the accumulators of taller tiles: cifar conv4's forward pass ran at 88 GFLOP/s
 * with 8 rows, 84-87 with 6 (15 registers on paper), 183 with 5 and 177-183 with 4 (AMD EPYC
 * under -XX:UseAVX=2, 2 threads); with 6 rows and EVEX's 32 registers at the same 256-bit width
 * (-XX:MaxVectorSize=32) it ran at 193, so the register count, not the width, is the cause.
 *
 * <p>Tiles never hang over an edge: the last channel panel and an image's last pixel vector
 * start early and overlap their neighbour, recomputing a few outputs to bit-identical values.
 * That keeps every store a whole vector (JDK 17's masked stores are slow) and asks only
 * OC ≥ ROWS and OH·OW ≥ 2 vectors.
 */
final class DirectConvForward {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int ROWS = MicroKernel.REGISTERS >= 32 ? 8 : 5;
    static final int COLS = 2 * L;

    private DirectConvForward() {}

    static boolean fits(int outChannels, int pixels) {
        return outChannels >= ROWS && pixels >= COLS;
    }

    static int panels(int outChannels) {
        return (outChannels + ROWS - 1) / ROWS;
    }

    /** First output channel of panel k; the last panel is pulled back to stay whole. */
    static int panelStart(int k, int outChannels) {
        return Math.min(k * ROWS, outChannels - ROWS);
    }

    /** packed[(k·depth + q)·ROWS + r] = w[(panelStart(k) + r)·depth + q]: a panel's weights per tap side by side. */
    static void packWeights(float[] w, int outChannels, int depth, float[] packed) {
        for (int k = 0; k < panels(outChannels); k++) {
            int o0 = panelStart(k, outChannels), base = k * depth * ROWS;
            for (int r = 0; r < ROWS; r++) {
                int src = (o0 + r) * depth;
                for (int q = 0; q < depth; q++) packed[base + q * ROWS + r] = w[src + q];
            }
        }
    }

    /**
     * y[n][o][t] for every output channel o and pixel t of images [n0, n0 + count), whose
     * planes lie imageLength apart from planes[0]. The images' pixel vectors are taken as one
     * list and paired into tiles across image boundaries: a 14×14 image is 13 vectors, and
     * pairing them within each image would recompute 28 of 224 pixels. Tiles outermost: the
     * planes' window a tile reads stays in L1 while every channel panel passes over it.
     */
    static void images(float[] planes, int imageLength, int[] tapOffsets, float[] packed, float[] bias,
                       int outChannels, int pixels, int n0, int count, float[] y) {
        int depth = tapOffsets.length, panels = panels(outChannels);
        int perImage = (pixels + L - 1) / L, vectors = count * perImage, image = outChannels * pixels;
        for (int v0 = 0; v0 < vectors; v0 += 2) {
            int va = Math.min(v0, vectors - 2), vb = va + 1;
            int ba = va / perImage, bb = vb / perImage;
            int ta = Math.min(va % perImage * L, pixels - L), tb = Math.min(vb % perImage * L, pixels - L);
            int fa = ba * imageLength + ta, fb = bb * imageLength + tb;
            int ya = (n0 + ba) * image + ta, yb = (n0 + bb) * image + tb;
            for (int k = 0; k < panels; k++) {
                int o = panelStart(k, outChannels);
                if (ROWS == 8) tile8(depth, tapOffsets, planes, fa, fb, packed, k * depth * ROWS, bias, o,
                        y, ya + o * pixels, yb + o * pixels, pixels);
                else tile5(depth, tapOffsets, planes, fa, fb, packed, k * depth * ROWS, bias, o,
                        y, ya + o * pixels, yb + o * pixels, pixels);
            }
        }
    }

    /**
     * One tile of y: 8 channels × two pixel vectors, each with its own place in the planes (fa,
     * fb) and in y (ya, yb), starting from the bias (or zero) and summing all taps.
     */
    private static void tile8(int depth, int[] tapOffsets, float[] planes, int fa, int fb, float[] pa, int ai,
                             float[] bias, int o, float[] y, int ya, int yb, int ldy) {
        FloatVector c00, c10, c20, c30, c40, c50, c60, c70;
        if (bias == null) {
            c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = FloatVector.zero(S);
        } else {
            c00 = FloatVector.broadcast(S, bias[o]);
            c10 = FloatVector.broadcast(S, bias[o + 1]);
            c20 = FloatVector.broadcast(S, bias[o + 2]);
            c30 = FloatVector.broadcast(S, bias[o + 3]);
            c40 = FloatVector.broadcast(S, bias[o + 4]);
            c50 = FloatVector.broadcast(S, bias[o + 5]);
            c60 = FloatVector.broadcast(S, bias[o + 6]);
            c70 = FloatVector.broadcast(S, bias[o + 7]);
        }
        FloatVector c01 = c00, c11 = c10, c21 = c20, c31 = c30, c41 = c40, c51 = c50, c61 = c60, c71 = c70;
        for (int q = 0; q < depth; q++, ai += ROWS) {
            int f = tapOffsets[q];
            FloatVector b0 = FloatVector.fromArray(S, planes, f + fa);
            FloatVector b1 = FloatVector.fromArray(S, planes, f + fb);
            FloatVector a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
        }
        c00.intoArray(y, ya); c01.intoArray(y, yb);
        c10.intoArray(y, ya + ldy); c11.intoArray(y, yb + ldy);
        c20.intoArray(y, ya + 2 * ldy); c21.intoArray(y, yb + 2 * ldy);
        c30.intoArray(y, ya + 3 * ldy); c31.intoArray(y, yb + 3 * ldy);
        c40.intoArray(y, ya + 4 * ldy); c41.intoArray(y, yb + 4 * ldy);
        c50.intoArray(y, ya + 5 * ldy); c51.intoArray(y, yb + 5 * ldy);
        c60.intoArray(y, ya + 6 * ldy); c61.intoArray(y, yb + 6 * ldy);
        c70.intoArray(y, ya + 7 * ldy); c71.intoArray(y, yb + 7 * ldy);
    }

    /** {@link #tile8} with 5 channels, for 16 vector registers. */
    private static void tile5(int depth, int[] tapOffsets, float[] planes, int fa, int fb, float[] pa, int ai,
                              float[] bias, int o, float[] y, int ya, int yb, int ldy) {
        FloatVector c00, c10, c20, c30, c40;
        if (bias == null) {
            c00 = c10 = c20 = c30 = c40 = FloatVector.zero(S);
        } else {
            c00 = FloatVector.broadcast(S, bias[o]);
            c10 = FloatVector.broadcast(S, bias[o + 1]);
            c20 = FloatVector.broadcast(S, bias[o + 2]);
            c30 = FloatVector.broadcast(S, bias[o + 3]);
            c40 = FloatVector.broadcast(S, bias[o + 4]);
        }
        FloatVector c01 = c00, c11 = c10, c21 = c20, c31 = c30, c41 = c40;
        for (int q = 0; q < depth; q++, ai += 5) {
            int f = tapOffsets[q];
            FloatVector b0 = FloatVector.fromArray(S, planes, f + fa);
            FloatVector b1 = FloatVector.fromArray(S, planes, f + fb);
            FloatVector a = FloatVector.broadcast(S, pa[ai]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
        }
        c00.intoArray(y, ya); c01.intoArray(y, yb);
        c10.intoArray(y, ya + ldy); c11.intoArray(y, yb + ldy);
        c20.intoArray(y, ya + 2 * ldy); c21.intoArray(y, yb + 2 * ldy);
        c30.intoArray(y, ya + 3 * ldy); c31.intoArray(y, yb + 3 * ldy);
        c40.intoArray(y, ya + 4 * ldy); c41.intoArray(y, yb + 4 * ldy);
    }
}
