package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StripTranspose} for CPUs whose widest vectors are 256-bit (AVX2): a strip of 8 rows
 * becomes 8-float columns through 8×8 register-block transposes in three stages, so packing a
 * transposed GEMM operand (every fully-connected layer's forward x·Wᵀ) is not scalar there.
 */
final class NarrowStripTranspose {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    static final int ROWS = 8;

    /** True where the preferred vectors are 256-bit wide, the only width this class handles. */
    static final boolean SUPPORTED = FloatVector.SPECIES_PREFERRED.length() == ROWS;

    private static final VectorShuffle<Float> DOWN4 = shift(-4), DOWN2 = shift(-2), DOWN1 = shift(-1);
    private static final VectorShuffle<Float> UP4 = shift(4), UP2 = shift(2), UP1 = shift(1);
    private static final VectorMask<Float> BIT4 = bit(4), BIT2 = bit(2), BIT1 = bit(1);
    private static final VectorMask<Float> NOT4 = BIT4.not(), NOT2 = BIT2.not(), NOT1 = BIT1.not();

    private NarrowStripTranspose() {}

    /**
     * Column q of the 8 × cols strip at src (row pitch ld) lands at dst[d + q·pitch ..] as 8
     * consecutive floats, for q in [0, cols).
     */
    static void transpose(float[] src, int s, int ld, int cols, float[] dst, int d, int pitch) {
        int q = 0;
        for (; q + ROWS <= cols; q += ROWS) {
            int o = s + q;
            FloatVector v0 = FloatVector.fromArray(SPECIES, src, o + 0 * ld);
            FloatVector v1 = FloatVector.fromArray(SPECIES, src, o + 1 * ld);
            FloatVector v2 = FloatVector.fromArray(SPECIES, src, o + 2 * ld);
            FloatVector v3 = FloatVector.fromArray(SPECIES, src, o + 3 * ld);
            FloatVector v4 = FloatVector.fromArray(SPECIES, src, o + 4 * ld);
            FloatVector v5 = FloatVector.fromArray(SPECIES, src, o + 5 * ld);
            FloatVector v6 = FloatVector.fromArray(SPECIES, src, o + 6 * ld);
            FloatVector v7 = FloatVector.fromArray(SPECIES, src, o + 7 * ld);
            { FloatVector a = v0; v0 = a.blend(v4.rearrange(DOWN4), BIT4); v4 = v4.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v1; v1 = a.blend(v5.rearrange(DOWN4), BIT4); v5 = v5.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v2; v2 = a.blend(v6.rearrange(DOWN4), BIT4); v6 = v6.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v3; v3 = a.blend(v7.rearrange(DOWN4), BIT4); v7 = v7.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v0; v0 = a.blend(v2.rearrange(DOWN2), BIT2); v2 = v2.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v1; v1 = a.blend(v3.rearrange(DOWN2), BIT2); v3 = v3.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v4; v4 = a.blend(v6.rearrange(DOWN2), BIT2); v6 = v6.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v5; v5 = a.blend(v7.rearrange(DOWN2), BIT2); v7 = v7.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v0; v0 = a.blend(v1.rearrange(DOWN1), BIT1); v1 = v1.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v2; v2 = a.blend(v3.rearrange(DOWN1), BIT1); v3 = v3.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v4; v4 = a.blend(v5.rearrange(DOWN1), BIT1); v5 = v5.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v6; v6 = a.blend(v7.rearrange(DOWN1), BIT1); v7 = v7.blend(a.rearrange(UP1), NOT1); }
            int t = d + q * pitch;
            v0.intoArray(dst, t + 0 * pitch);
            v1.intoArray(dst, t + 1 * pitch);
            v2.intoArray(dst, t + 2 * pitch);
            v3.intoArray(dst, t + 3 * pitch);
            v4.intoArray(dst, t + 4 * pitch);
            v5.intoArray(dst, t + 5 * pitch);
            v6.intoArray(dst, t + 6 * pitch);
            v7.intoArray(dst, t + 7 * pitch);
        }
        for (; q < cols; q++)
            for (int r = 0; r < ROWS; r++) dst[d + q * pitch + r] = src[s + r * ld + q];
    }

    private static VectorShuffle<Float> shift(int by) { return StripTranspose.shift(SPECIES, by); }

    private static VectorMask<Float> bit(int b) { return StripTranspose.bit(SPECIES, b); }
}
