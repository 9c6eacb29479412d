package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Weight gradient of a layer with few taps (a first layer's 9 or 27) straight from
 * {@link ShiftedPlanes}: dW[o][q] = Σ_n Σ_t dy[n][o][t]·plane_n[t + offset(q)] is one flat dot
 * product per (output channel, tap), vectorised along the pixels t. A register tile holds 7
 * channels × 3 taps = 21 vector accumulators: per step 3 plane vectors and 7 dy vectors are
 * loaded for 21 FMAs, where im2col + GEMM would leave most of its micro-tile empty for the 9-
 * or 27-wide weight matrix of a first layer and repack every image's columns. 7 rather than 8
 * channels: with the 11 loads C2 hoists, 24 accumulators no longer fit the 32 vector registers,
 * and the three it spilled made the kernel 1.3-1.4x slower, far more than groups of 7 lose
 * on 32 channels (35 rows computed).
 *
 * <p>Accumulators are kept lane-wise (not reduced) in a per-thread partial, laid out by tile:
 * [channel group][tap group][7 channels][3 taps][lanes]. As in {@link DirectConvForward}, the
 * last channel group and the last tap group start early and overlap their neighbour, each
 * group holding complete sums for its own members, so the reduction reads every (o, q) from
 * exactly one group. A pixel count that is not a whole number of vectors ends with one
 * overlapping vector whose already-counted lanes are blended to zero.
 */
final class PixelVectorWeightGradient {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int ROWS = 7;
    static final int TAPS = 3;

    private PixelVectorWeightGradient() {}

    static boolean fits(int outChannels, int depth, int pixels) {
        return outChannels >= ROWS && depth >= TAPS && pixels >= L;
    }

    static int groups(int size, int groupSize) {
        return (size + groupSize - 1) / groupSize;
    }

    /** First member of group k; the last group is pulled back to stay whole. */
    static int groupStart(int k, int size, int groupSize) {
        return Math.min(k * groupSize, size - groupSize);
    }

    /** Floats of one thread's weight partial. */
    static int partialLength(int outChannels, int depth) {
        return groups(outChannels, ROWS) * groups(depth, TAPS) * ROWS * TAPS * L;
    }

    /** 0, 1, 2, ...: compared against a lane count it masks the lanes past it. */
    private static final float[] IOTA = new float[L];
    static {
        for (int l = 0; l < L; l++) IOTA[l] = l;
    }

    /**
     * Adds image n, whose planes start at planes[0], to the partial. Channel groups outermost:
     * a group's dy rows stay in L1 while every tap group passes over them.
     */
    static void accumulate(float[] dy, int n, int outChannels, int pixels, float[] planes, int[] tapOffsets,
                           float[] partial) {
        int depth = tapOffsets.length, tapGroups = groups(depth, TAPS);
        for (int k = 0; k < groups(outChannels, ROWS); k++) {
            int d = (n * outChannels + groupStart(k, outChannels, ROWS)) * pixels;
            for (int h = 0; h < tapGroups; h++) {
                int q = groupStart(h, depth, TAPS), at = (k * tapGroups + h) * ROWS * TAPS * L;
                tile(dy, d, pixels, planes, tapOffsets[q], tapOffsets[q + 1], tapOffsets[q + 2], partial, at);
                if (pixels % L != 0)
                    tileTail(dy, d, pixels, planes, tapOffsets[q], tapOffsets[q + 1], tapOffsets[q + 2], partial, at);
            }
        }
    }

    /**
     * One 7-channel × 3-tap tile over the whole vectors of one image, whose dy rows lie ldy
     * apart from dy[d]. One counted loop per call, with the accumulators loaded before it and
     * stored after: C2 (JDK 17) boxes vectors carried through an enclosing loop (measured 20x
     * slower), and with loop-invariant bases it hoists the bounds checks out of this one.
     */
    private static void tile(float[] dy, int d, int ldy, float[] planes, int f0, int f1, int f2,
                             float[] acc, int at) {
        FloatVector a00 = FloatVector.fromArray(S, acc, at), a01 = FloatVector.fromArray(S, acc, at + L),
                a02 = FloatVector.fromArray(S, acc, at + 2 * L), a10 = FloatVector.fromArray(S, acc, at + 3 * L),
                a11 = FloatVector.fromArray(S, acc, at + 4 * L), a12 = FloatVector.fromArray(S, acc, at + 5 * L),
                a20 = FloatVector.fromArray(S, acc, at + 6 * L), a21 = FloatVector.fromArray(S, acc, at + 7 * L),
                a22 = FloatVector.fromArray(S, acc, at + 8 * L), a30 = FloatVector.fromArray(S, acc, at + 9 * L),
                a31 = FloatVector.fromArray(S, acc, at + 10 * L), a32 = FloatVector.fromArray(S, acc, at + 11 * L),
                a40 = FloatVector.fromArray(S, acc, at + 12 * L), a41 = FloatVector.fromArray(S, acc, at + 13 * L),
                a42 = FloatVector.fromArray(S, acc, at + 14 * L), a50 = FloatVector.fromArray(S, acc, at + 15 * L),
                a51 = FloatVector.fromArray(S, acc, at + 16 * L), a52 = FloatVector.fromArray(S, acc, at + 17 * L),
                a60 = FloatVector.fromArray(S, acc, at + 18 * L), a61 = FloatVector.fromArray(S, acc, at + 19 * L),
                a62 = FloatVector.fromArray(S, acc, at + 20 * L);
        int d1 = d + ldy, d2 = d1 + ldy, d3 = d2 + ldy, d4 = d3 + ldy, d5 = d4 + ldy, d6 = d5 + ldy;
        for (int t = 0, end = ldy - ldy % L; t < end; t += L) {
            FloatVector p0 = FloatVector.fromArray(S, planes, f0 + t);
            FloatVector p1 = FloatVector.fromArray(S, planes, f1 + t);
            FloatVector p2 = FloatVector.fromArray(S, planes, f2 + t);
            FloatVector r = FloatVector.fromArray(S, dy, d + t);
            a00 = r.fma(p0, a00); a01 = r.fma(p1, a01); a02 = r.fma(p2, a02);
            r = FloatVector.fromArray(S, dy, d1 + t);
            a10 = r.fma(p0, a10); a11 = r.fma(p1, a11); a12 = r.fma(p2, a12);
            r = FloatVector.fromArray(S, dy, d2 + t);
            a20 = r.fma(p0, a20); a21 = r.fma(p1, a21); a22 = r.fma(p2, a22);
            r = FloatVector.fromArray(S, dy, d3 + t);
            a30 = r.fma(p0, a30); a31 = r.fma(p1, a31); a32 = r.fma(p2, a32);
            r = FloatVector.fromArray(S, dy, d4 + t);
            a40 = r.fma(p0, a40); a41 = r.fma(p1, a41); a42 = r.fma(p2, a42);
            r = FloatVector.fromArray(S, dy, d5 + t);
            a50 = r.fma(p0, a50); a51 = r.fma(p1, a51); a52 = r.fma(p2, a52);
            r = FloatVector.fromArray(S, dy, d6 + t);
            a60 = r.fma(p0, a60); a61 = r.fma(p1, a61); a62 = r.fma(p2, a62);
        }
        a00.intoArray(acc, at); a01.intoArray(acc, at + L); a02.intoArray(acc, at + 2 * L);
        a10.intoArray(acc, at + 3 * L); a11.intoArray(acc, at + 4 * L); a12.intoArray(acc, at + 5 * L);
        a20.intoArray(acc, at + 6 * L); a21.intoArray(acc, at + 7 * L); a22.intoArray(acc, at + 8 * L);
        a30.intoArray(acc, at + 9 * L); a31.intoArray(acc, at + 10 * L); a32.intoArray(acc, at + 11 * L);
        a40.intoArray(acc, at + 12 * L); a41.intoArray(acc, at + 13 * L); a42.intoArray(acc, at + 14 * L);
        a50.intoArray(acc, at + 15 * L); a51.intoArray(acc, at + 16 * L); a52.intoArray(acc, at + 17 * L);
        a60.intoArray(acc, at + 18 * L); a61.intoArray(acc, at + 19 * L); a62.intoArray(acc, at + 20 * L);
    }

    /**
     * The overlapping last vector of each image's rows when the pixel count is not a whole
     * number of vectors, with the lanes the whole vectors already counted zeroed in both
     * factors, so the sums stay exact. A method of its own: C2 compiles a never-run branch
     * without type profiles, and blends there made it box every accumulator of the hot loop
     * (measured 20x slower).
     */
    private static void tileTail(float[] dy, int d, int ldy, float[] planes, int f0, int f1, int f2,
                                 float[] acc, int at) {
        FloatVector a00 = FloatVector.fromArray(S, acc, at), a01 = FloatVector.fromArray(S, acc, at + L),
                a02 = FloatVector.fromArray(S, acc, at + 2 * L), a10 = FloatVector.fromArray(S, acc, at + 3 * L),
                a11 = FloatVector.fromArray(S, acc, at + 4 * L), a12 = FloatVector.fromArray(S, acc, at + 5 * L),
                a20 = FloatVector.fromArray(S, acc, at + 6 * L), a21 = FloatVector.fromArray(S, acc, at + 7 * L),
                a22 = FloatVector.fromArray(S, acc, at + 8 * L), a30 = FloatVector.fromArray(S, acc, at + 9 * L),
                a31 = FloatVector.fromArray(S, acc, at + 10 * L), a32 = FloatVector.fromArray(S, acc, at + 11 * L),
                a40 = FloatVector.fromArray(S, acc, at + 12 * L), a41 = FloatVector.fromArray(S, acc, at + 13 * L),
                a42 = FloatVector.fromArray(S, acc, at + 14 * L), a50 = FloatVector.fromArray(S, acc, at + 15 * L),
                a51 = FloatVector.fromArray(S, acc, at + 16 * L), a52 = FloatVector.fromArray(S, acc, at + 17 * L),
                a60 = FloatVector.fromArray(S, acc, at + 18 * L), a61 = FloatVector.fromArray(S, acc, at + 19 * L),
                a62 = FloatVector.fromArray(S, acc, at + 20 * L);
        int t = ldy - L;
        FloatVector zero = FloatVector.zero(S);
        VectorMask<Float> fresh = FloatVector.fromArray(S, IOTA, 0).compare(VectorOperators.GE, L - ldy % L);
        d += t;
        int d1 = d + ldy, d2 = d1 + ldy, d3 = d2 + ldy, d4 = d3 + ldy, d5 = d4 + ldy, d6 = d5 + ldy;
        FloatVector p0 = zero.blend(FloatVector.fromArray(S, planes, f0 + t), fresh);
        FloatVector p1 = zero.blend(FloatVector.fromArray(S, planes, f1 + t), fresh);
        FloatVector p2 = zero.blend(FloatVector.fromArray(S, planes, f2 + t), fresh);
        FloatVector r = zero.blend(FloatVector.fromArray(S, dy, d), fresh);
        a00 = r.fma(p0, a00); a01 = r.fma(p1, a01); a02 = r.fma(p2, a02);
        r = zero.blend(FloatVector.fromArray(S, dy, d1), fresh);
        a10 = r.fma(p0, a10); a11 = r.fma(p1, a11); a12 = r.fma(p2, a12);
        r = zero.blend(FloatVector.fromArray(S, dy, d2), fresh);
        a20 = r.fma(p0, a20); a21 = r.fma(p1, a21); a22 = r.fma(p2, a22);
        r = zero.blend(FloatVector.fromArray(S, dy, d3), fresh);
        a30 = r.fma(p0, a30); a31 = r.fma(p1, a31); a32 = r.fma(p2, a32);
        r = zero.blend(FloatVector.fromArray(S, dy, d4), fresh);
        a40 = r.fma(p0, a40); a41 = r.fma(p1, a41); a42 = r.fma(p2, a42);
        r = zero.blend(FloatVector.fromArray(S, dy, d5), fresh);
        a50 = r.fma(p0, a50); a51 = r.fma(p1, a51); a52 = r.fma(p2, a52);
        r = zero.blend(FloatVector.fromArray(S, dy, d6), fresh);
        a60 = r.fma(p0, a60); a61 = r.fma(p1, a61); a62 = r.fma(p2, a62);
        a00.intoArray(acc, at); a01.intoArray(acc, at + L); a02.intoArray(acc, at + 2 * L);
        a10.intoArray(acc, at + 3 * L); a11.intoArray(acc, at + 4 * L); a12.intoArray(acc, at + 5 * L);
        a20.intoArray(acc, at + 6 * L); a21.intoArray(acc, at + 7 * L); a22.intoArray(acc, at + 8 * L);
        a30.intoArray(acc, at + 9 * L); a31.intoArray(acc, at + 10 * L); a32.intoArray(acc, at + 11 * L);
        a40.intoArray(acc, at + 12 * L); a41.intoArray(acc, at + 13 * L); a42.intoArray(acc, at + 14 * L);
        a50.intoArray(acc, at + 15 * L); a51.intoArray(acc, at + 16 * L); a52.intoArray(acc, at + 17 * L);
        a60.intoArray(acc, at + 18 * L); a61.intoArray(acc, at + 19 * L); a62.intoArray(acc, at + 20 * L);
    }

    /** dw[o·depth + q] = the sum over threads and lanes of (o, q)'s accumulator in the group that owns it. */
    static void reduce(float[][] partials, int parts, int outChannels, int depth, float[] dw) {
        int tapGroups = groups(depth, TAPS);
        for (int o = 0; o < outChannels; o++) {
            int k = Math.min(o / ROWS, groups(outChannels, ROWS) - 1), r = o - groupStart(k, outChannels, ROWS);
            for (int q = 0; q < depth; q++) {
                int h = Math.min(q / TAPS, tapGroups - 1), i = q - groupStart(h, depth, TAPS);
                int at = (((k * tapGroups + h) * ROWS + r) * TAPS + i) * L;
                FloatVector sum = FloatVector.fromArray(S, partials[0], at);
                for (int t = 1; t < parts; t++) sum = sum.add(FloatVector.fromArray(S, partials[t], at));
                dw[o * depth + q] = sum.reduceLanes(VectorOperators.ADD);
            }
        }
    }
}
