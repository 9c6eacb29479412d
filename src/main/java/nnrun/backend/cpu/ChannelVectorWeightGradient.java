package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weight gradient of a deep layer straight from {@link ShiftedPlanes}, vectorised along the
 * output channels: dWᵀ[q][o] += Σ_t plane[t + offset(q)]·dy[o][t] is a GEMM whose A operand
 * (taps × pixels) is broadcast from the planes in place and whose B operand is dy transposed to
 * pixels × channels. Each register tile is {@link #TAPS} taps × 2 vectors of channels, summed over
 * a whole image's pixels before they touch memory: 8 taps (16 accumulators) where there are 32
 * vector registers, 5 on AVX2's 16, for the reason {@link DirectConvForward} gives: cifar conv4's
 * weight gradient ran at 76-87 GFLOP/s with 8 or 6 taps and 146-163 with 5 (AMD EPYC under
 * -XX:UseAVX=2, 2 threads).
 * Against im2col + GEMM this copies the input KW rather than KH·KW times and packs neither
 * operand; only dy is rearranged, which is 1/(C·KH·KW) of the work.
 *
 * <p>As in {@link DirectConvForward}, the last tap panel and the last channel panel start early
 * and overlap their neighbour; each panel keeps its own sums in the per-thread partial
 * [channel panel][tap panel][TAPS taps][2 vectors], and the reduction reads every (o, q) from the
 * one panel that owns it.
 */
final class ChannelVectorWeightGradient {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int TAPS = MicroKernel.REGISTERS >= 32 ? 8 : 5;
    static final int CHANNELS = 2 * L;
    private static final int TILE = TAPS * CHANNELS;
    /**
     * Pixels per transposed block: 256 × 32 channels = 32 KiB, within L1. Smaller blocks cost
     * more loop overhead than they save on 14×14 and 16×16 images (one block each).
     */
    private static final int TRANSPOSE_BLOCK = 256;

    private ChannelVectorWeightGradient() {}

    static boolean fits(int outChannels, int depth) {
        return outChannels >= CHANNELS && depth >= TAPS;
    }

    static int panels(int size, int panelSize) {
        return (size + panelSize - 1) / panelSize;
    }

    /** First member of panel k; the last panel is pulled back to stay whole. */
    static int panelStart(int k, int size, int panelSize) {
        return Math.min(k * panelSize, size - panelSize);
    }

    static int partialLength(int outChannels, int depth) {
        return panels(outChannels, CHANNELS) * panels(depth, TAPS) * TILE;
    }

    static int transposedLength(int outChannels, int pixels) {
        return panels(outChannels, CHANNELS) * pixels * CHANNELS;
    }

    /**
     * dyT[(k·pixels + t)·CHANNELS + c] = dy[n][panelStart(k) + c][t]: each channel panel
     * pixel-major. Written in blocks of pixels so the block being filled stays in L1: channel by
     * channel over all 1024 pixels of a 32×32 image, the stores missed L1 (1.5x slower).
     */
    static void transpose(float[] dy, int n, int outChannels, int pixels, float[] dyT) {
        for (int k = 0; k < panels(outChannels, CHANNELS); k++) {
            int src = (n * outChannels + panelStart(k, outChannels, CHANNELS)) * pixels, base = k * pixels * CHANNELS;
            for (int t0 = 0; t0 < pixels; t0 += TRANSPOSE_BLOCK) {
                int t1 = Math.min(pixels, t0 + TRANSPOSE_BLOCK);
                for (int c = 0; c < CHANNELS; c++)
                    for (int t = t0, from = src + c * pixels; t < t1; t++) dyT[base + t * CHANNELS + c] = dy[from + t];
            }
        }
    }

    /** Adds one image, given its planes at planes[0] and its transposed dy, to the partial. */
    static void accumulate(float[] planes, int[] tapOffsets, float[] dyT, int outChannels, int pixels, float[] partial) {
        int depth = tapOffsets.length, tapPanels = panels(depth, TAPS);
        for (int k = 0; k < panels(outChannels, CHANNELS); k++) {
            for (int h = 0; h < tapPanels; h++) {
                int q = panelStart(h, depth, TAPS), b = k * pixels * CHANNELS, at = (k * tapPanels + h) * TILE;
                if (TAPS == 8) tile8(planes, tapOffsets[q], tapOffsets[q + 1], tapOffsets[q + 2], tapOffsets[q + 3],
                        tapOffsets[q + 4], tapOffsets[q + 5], tapOffsets[q + 6], tapOffsets[q + 7],
                        dyT, b, pixels, partial, at);
                else tile5(planes, tapOffsets[q], tapOffsets[q + 1], tapOffsets[q + 2], tapOffsets[q + 3],
                        tapOffsets[q + 4], dyT, b, pixels, partial, at);
            }
        }
    }

    /** One 8-tap × 2-vector tile over all pixels of one image, added to acc[at ..]. */
    private static void tile8(float[] planes, int f0, int f1, int f2, int f3, int f4, int f5, int f6, int f7,
                             float[] dyT, int b, int pixels, float[] acc, int at) {
        FloatVector c00 = FloatVector.fromArray(S, acc, at), c01 = FloatVector.fromArray(S, acc, at + L),
                c10 = FloatVector.fromArray(S, acc, at + 2 * L), c11 = FloatVector.fromArray(S, acc, at + 3 * L),
                c20 = FloatVector.fromArray(S, acc, at + 4 * L), c21 = FloatVector.fromArray(S, acc, at + 5 * L),
                c30 = FloatVector.fromArray(S, acc, at + 6 * L), c31 = FloatVector.fromArray(S, acc, at + 7 * L),
                c40 = FloatVector.fromArray(S, acc, at + 8 * L), c41 = FloatVector.fromArray(S, acc, at + 9 * L),
                c50 = FloatVector.fromArray(S, acc, at + 10 * L), c51 = FloatVector.fromArray(S, acc, at + 11 * L),
                c60 = FloatVector.fromArray(S, acc, at + 12 * L), c61 = FloatVector.fromArray(S, acc, at + 13 * L),
                c70 = FloatVector.fromArray(S, acc, at + 14 * L), c71 = FloatVector.fromArray(S, acc, at + 15 * L);
        for (int t = 0; t < pixels; t++) {
            FloatVector b0 = FloatVector.fromArray(S, dyT, b + t * CHANNELS);
            FloatVector b1 = FloatVector.fromArray(S, dyT, b + t * CHANNELS + L);
            FloatVector a = FloatVector.broadcast(S, planes[f0 + t]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, planes[f1 + t]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, planes[f2 + t]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, planes[f3 + t]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, planes[f4 + t]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, planes[f5 + t]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, planes[f6 + t]);
            c60 = a.fma(b0, c60); c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, planes[f7 + t]);
            c70 = a.fma(b0, c70); c71 = a.fma(b1, c71);
        }
        c00.intoArray(acc, at); c01.intoArray(acc, at + L);
        c10.intoArray(acc, at + 2 * L); c11.intoArray(acc, at + 3 * L);
        c20.intoArray(acc, at + 4 * L); c21.intoArray(acc, at + 5 * L);
        c30.intoArray(acc, at + 6 * L); c31.intoArray(acc, at + 7 * L);
        c40.intoArray(acc, at + 8 * L); c41.intoArray(acc, at + 9 * L);
        c50.intoArray(acc, at + 10 * L); c51.intoArray(acc, at + 11 * L);
        c60.intoArray(acc, at + 12 * L); c61.intoArray(acc, at + 13 * L);
        c70.intoArray(acc, at + 14 * L); c71.intoArray(acc, at + 15 * L);
    }

    /** {@link #tile8} with 5 taps, for 16 vector registers. */
    private static void tile5(float[] planes, int f0, int f1, int f2, int f3, int f4,
                              float[] dyT, int b, int pixels, float[] acc, int at) {
        FloatVector c00 = FloatVector.fromArray(S, acc, at), c01 = FloatVector.fromArray(S, acc, at + L),
                c10 = FloatVector.fromArray(S, acc, at + 2 * L), c11 = FloatVector.fromArray(S, acc, at + 3 * L),
                c20 = FloatVector.fromArray(S, acc, at + 4 * L), c21 = FloatVector.fromArray(S, acc, at + 5 * L),
                c30 = FloatVector.fromArray(S, acc, at + 6 * L), c31 = FloatVector.fromArray(S, acc, at + 7 * L),
                c40 = FloatVector.fromArray(S, acc, at + 8 * L), c41 = FloatVector.fromArray(S, acc, at + 9 * L);
        for (int t = 0; t < pixels; t++) {
            FloatVector b0 = FloatVector.fromArray(S, dyT, b + t * CHANNELS);
            FloatVector b1 = FloatVector.fromArray(S, dyT, b + t * CHANNELS + L);
            FloatVector a = FloatVector.broadcast(S, planes[f0 + t]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, planes[f1 + t]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, planes[f2 + t]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, planes[f3 + t]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, planes[f4 + t]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
        }
        c00.intoArray(acc, at); c01.intoArray(acc, at + L);
        c10.intoArray(acc, at + 2 * L); c11.intoArray(acc, at + 3 * L);
        c20.intoArray(acc, at + 4 * L); c21.intoArray(acc, at + 5 * L);
        c30.intoArray(acc, at + 6 * L); c31.intoArray(acc, at + 7 * L);
        c40.intoArray(acc, at + 8 * L); c41.intoArray(acc, at + 9 * L);
    }

    /** dw[o·depth + q] = the sum over threads of (q, o)'s entry in the panels that own it. */
    static void reduce(float[][] partials, int parts, int outChannels, int depth, float[] dw) {
        int tapPanels = panels(depth, TAPS), channelPanels = panels(outChannels, CHANNELS);
        for (int o = 0; o < outChannels; o++) {
            int k = Math.min(o / CHANNELS, channelPanels - 1), c = o - panelStart(k, outChannels, CHANNELS);
            for (int q = 0; q < depth; q++) {
                int h = Math.min(q / TAPS, tapPanels - 1), r = q - panelStart(h, depth, TAPS);
                int at = (k * tapPanels + h) * TILE + r * CHANNELS + c;
                float s = 0f;
                for (int t = 0; t < parts; t++) s += partials[t][at];
                dw[o * depth + q] = s;
            }
        }
    }
}
