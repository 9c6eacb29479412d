package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes a strip of 16 rows into 16-float columns with 512-bit vectors: packing a
 * transposed GEMM operand one element at a time measured 2.7 ms for a 1024×3072 weight (a
 * third of its layer's forward GEMM); 16×16 register-block transposes do it in 1.1 ms.
 *
 * <p>Each block takes four stages; the stage with span s swaps, in every pair of rows (i, i+s),
 * the lanes with bit s set in one row with the lanes without it in the other. The stages are
 * written out because C2 keeps FloatVector locals in registers but boxes them in an array.
 */
final class StripTranspose {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    static final int ROWS = 16;

    /** True where the preferred vectors are 512-bit wide, the only width this class handles. */
    static final boolean SUPPORTED = FloatVector.SPECIES_PREFERRED.length() == ROWS;

    private static final VectorShuffle<Float> DOWN8 = shift(-8), DOWN4 = shift(-4), DOWN2 = shift(-2), DOWN1 = shift(-1);
    private static final VectorShuffle<Float> UP8 = shift(8), UP4 = shift(4), UP2 = shift(2), UP1 = shift(1);
    private static final VectorMask<Float> BIT8 = bit(8), BIT4 = bit(4), BIT2 = bit(2), BIT1 = bit(1);
    private static final VectorMask<Float> NOT8 = BIT8.not(), NOT4 = BIT4.not(), NOT2 = BIT2.not(), NOT1 = BIT1.not();

    private StripTranspose() {}

    /**
     * Column q of the 16 × cols strip at src (row pitch ld) lands at dst[d + q·pitch ..] as 16
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
            FloatVector v8 = FloatVector.fromArray(SPECIES, src, o + 8 * ld);
            FloatVector v9 = FloatVector.fromArray(SPECIES, src, o + 9 * ld);
            FloatVector v10 = FloatVector.fromArray(SPECIES, src, o + 10 * ld);
            FloatVector v11 = FloatVector.fromArray(SPECIES, src, o + 11 * ld);
            FloatVector v12 = FloatVector.fromArray(SPECIES, src, o + 12 * ld);
            FloatVector v13 = FloatVector.fromArray(SPECIES, src, o + 13 * ld);
            FloatVector v14 = FloatVector.fromArray(SPECIES, src, o + 14 * ld);
            FloatVector v15 = FloatVector.fromArray(SPECIES, src, o + 15 * ld);
            { FloatVector a = v0; v0 = a.blend(v8.rearrange(DOWN8), BIT8); v8 = v8.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v1; v1 = a.blend(v9.rearrange(DOWN8), BIT8); v9 = v9.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v2; v2 = a.blend(v10.rearrange(DOWN8), BIT8); v10 = v10.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v3; v3 = a.blend(v11.rearrange(DOWN8), BIT8); v11 = v11.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v4; v4 = a.blend(v12.rearrange(DOWN8), BIT8); v12 = v12.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v5; v5 = a.blend(v13.rearrange(DOWN8), BIT8); v13 = v13.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v6; v6 = a.blend(v14.rearrange(DOWN8), BIT8); v14 = v14.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v7; v7 = a.blend(v15.rearrange(DOWN8), BIT8); v15 = v15.blend(a.rearrange(UP8), NOT8); }
            { FloatVector a = v0; v0 = a.blend(v4.rearrange(DOWN4), BIT4); v4 = v4.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v1; v1 = a.blend(v5.rearrange(DOWN4), BIT4); v5 = v5.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v2; v2 = a.blend(v6.rearrange(DOWN4), BIT4); v6 = v6.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v3; v3 = a.blend(v7.rearrange(DOWN4), BIT4); v7 = v7.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v8; v8 = a.blend(v12.rearrange(DOWN4), BIT4); v12 = v12.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v9; v9 = a.blend(v13.rearrange(DOWN4), BIT4); v13 = v13.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v10; v10 = a.blend(v14.rearrange(DOWN4), BIT4); v14 = v14.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v11; v11 = a.blend(v15.rearrange(DOWN4), BIT4); v15 = v15.blend(a.rearrange(UP4), NOT4); }
            { FloatVector a = v0; v0 = a.blend(v2.rearrange(DOWN2), BIT2); v2 = v2.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v1; v1 = a.blend(v3.rearrange(DOWN2), BIT2); v3 = v3.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v4; v4 = a.blend(v6.rearrange(DOWN2), BIT2); v6 = v6.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v5; v5 = a.blend(v7.rearrange(DOWN2), BIT2); v7 = v7.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v8; v8 = a.blend(v10.rearrange(DOWN2), BIT2); v10 = v10.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v9; v9 = a.blend(v11.rearrange(DOWN2), BIT2); v11 = v11.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v12; v12 = a.blend(v14.rearrange(DOWN2), BIT2); v14 = v14.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v13; v13 = a.blend(v15.rearrange(DOWN2), BIT2); v15 = v15.blend(a.rearrange(UP2), NOT2); }
            { FloatVector a = v0; v0 = a.blend(v1.rearrange(DOWN1), BIT1); v1 = v1.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v2; v2 = a.blend(v3.rearrange(DOWN1), BIT1); v3 = v3.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v4; v4 = a.blend(v5.rearrange(DOWN1), BIT1); v5 = v5.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v6; v6 = a.blend(v7.rearrange(DOWN1), BIT1); v7 = v7.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v8; v8 = a.blend(v9.rearrange(DOWN1), BIT1); v9 = v9.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v10; v10 = a.blend(v11.rearrange(DOWN1), BIT1); v11 = v11.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v12; v12 = a.blend(v13.rearrange(DOWN1), BIT1); v13 = v13.blend(a.rearrange(UP1), NOT1); }
            { FloatVector a = v14; v14 = a.blend(v15.rearrange(DOWN1), BIT1); v15 = v15.blend(a.rearrange(UP1), NOT1); }
            int t = d + q * pitch;
            v0.intoArray(dst, t + 0 * pitch);
            v1.intoArray(dst, t + 1 * pitch);
            v2.intoArray(dst, t + 2 * pitch);
            v3.intoArray(dst, t + 3 * pitch);
            v4.intoArray(dst, t + 4 * pitch);
            v5.intoArray(dst, t + 5 * pitch);
            v6.intoArray(dst, t + 6 * pitch);
            v7.intoArray(dst, t + 7 * pitch);
            v8.intoArray(dst, t + 8 * pitch);
            v9.intoArray(dst, t + 9 * pitch);
            v10.intoArray(dst, t + 10 * pitch);
            v11.intoArray(dst, t + 11 * pitch);
            v12.intoArray(dst, t + 12 * pitch);
            v13.intoArray(dst, t + 13 * pitch);
            v14.intoArray(dst, t + 14 * pitch);
            v15.intoArray(dst, t + 15 * pitch);
        }
        for (; q < cols; q++)
            for (int r = 0; r < ROWS; r++) dst[d + q * pitch + r] = src[s + r * ld + q];
    }

    private static VectorShuffle<Float> shift(int by) { return shift(SPECIES, by); }

    private static VectorMask<Float> bit(int b) { return bit(SPECIES, b); }

    /** Lane l takes lane l + by (mod the lanes) of the rearranged vector. Also {@link NarrowStripTranspose}'s. */
    static VectorShuffle<Float> shift(VectorSpecies<Float> species, int by) {
        int lanes = species.length();
        int[] from = new int[lanes];
        for (int l = 0; l < lanes; l++) from[l] = Math.floorMod(l + by, lanes);
        return VectorShuffle.fromArray(species, from, 0);
    }

    /** The lanes whose index has bit b set. */
    static VectorMask<Float> bit(VectorSpecies<Float> species, int b) {
        int lanes = species.length();
        boolean[] set = new boolean[lanes];
        for (int l = 0; l < lanes; l++) set[l] = (l & b) != 0;
        return VectorMask.fromArray(species, set, 0);
    }
}
