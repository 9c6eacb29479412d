package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward convolution of one image straight from its {@link ShiftedPlanes}: an implicit GEMM
 * y[o][t] = Σ_q W[o][q]·plane[t + offset(q)] whose B operand is read in place, so there is
 * neither an im2col copy nor a packed B panel. Each register tile is 8 output channels × 2
 * vectors of pixels, the same 16 accumulators as {@link Sgemm}'s micro-kernel, with the 8
 * channels' weights packed once per call.
 *
 * <p>Tiles never hang over an edge: the last channel panel and the last pixel tile start early
 * and overlap their neighbour, recomputing a few outputs to bit-identical values. That keeps
 * every store a whole vector (JDK 17's masked stores are slow) and asks only OC ≥ 8 and
 * OH·OW ≥ 2 vectors.
 */
final class DirectConvForward {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int ROWS = 8;
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

    /** packed[(k·depth + q)·8 + r] = w[(panelStart(k) + r)·depth + q]: a panel's 8 weights per tap side by side. */
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
     * y[yOff + o·pixels + t] for every output channel o and pixel t of one image whose planes
     * start at planes[0]. Pixel tiles outermost: the planes' window a tile reads stays in L1
     * while every channel panel passes over it.
     */
    static void image(float[] planes, int[] tapOffsets, float[] packed, float[] bias, int outChannels,
                      int pixels, float[] y, int yOff) {
        int depth = tapOffsets.length, panels = panels(outChannels);
        for (int t0 = 0; t0 < pixels; t0 += COLS) {
            int t = Math.min(t0, pixels - COLS);
            for (int k = 0; k < panels; k++) {
                int o = panelStart(k, outChannels);
                tile(depth, tapOffsets, planes, t, packed, k * depth * ROWS, bias, o, y, yOff + o * pixels + t, pixels);
            }
        }
    }

    /** One 8 × 2-vector tile of y, starting from the bias (or zero) and summing all taps. */
    private static void tile(int depth, int[] tapOffsets, float[] planes, int t, float[] pa, int ai,
                             float[] bias, int o, float[] y, int yt, int ldy) {
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
            int f = tapOffsets[q] + t;
            FloatVector b0 = FloatVector.fromArray(S, planes, f);
            FloatVector b1 = FloatVector.fromArray(S, planes, f + L);
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
        int r1 = yt + ldy, r2 = r1 + ldy, r3 = r2 + ldy, r4 = r3 + ldy, r5 = r4 + ldy, r6 = r5 + ldy, r7 = r6 + ldy;
        c00.intoArray(y, yt); c01.intoArray(y, yt + L);
        c10.intoArray(y, r1); c11.intoArray(y, r1 + L);
        c20.intoArray(y, r2); c21.intoArray(y, r2 + L);
        c30.intoArray(y, r3); c31.intoArray(y, r3 + L);
        c40.intoArray(y, r4); c41.intoArray(y, r4 + L);
        c50.intoArray(y, r5); c51.intoArray(y, r5 + L);
        c60.intoArray(y, r6); c61.intoArray(y, r6 + L);
        c70.intoArray(y, r7); c71.intoArray(y, r7 + L);
    }
}
