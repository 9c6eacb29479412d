package nnrun.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import nnrun.backend.ConvGeometry;

/**
 * The input of a unit-stride convolution laid out so that each kernel tap reads its operand as
 * one flat run. For every input channel c and kernel column v there is a plane with the
 * output's row width OW and OH + (KH − 1)·dilH rows:
 * <pre>
 *   plane(c, v)[r·OW + j] = x[c][r − padH][j + v·dilW − padW]      (0 outside x)
 * </pre>
 * Output pixel t = i·OW + j then meets tap (c, u, v) at plane(c, v)[t + u·dilH·OW]: a fixed
 * offset per tap, the same for every pixel. So KW shifted copies of the input stand in for
 * im2col's KH·KW, and a kernel can stream a tap's operand as whole vectors with no gather.
 */
final class ShiftedPlanes {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private final ConvGeometry g;
    private final int rows;
    private final int planeLength;
    private final int[] tapOffsets;
    /** Rows as wide as the input's: per kernel column, where a plane holds input (not padding or a wrapped column). */
    private final boolean[] inside;

    /** Only for unit strides: a longer stride would make the tap offsets depend on the pixel. */
    static boolean fits(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1;
    }

    ShiftedPlanes(ConvGeometry g) {
        this.g = g;
        this.rows = g.outH() + (g.kh() - 1) * g.dilH();
        this.planeLength = rows * g.outW();
        this.tapOffsets = new int[g.c() * g.kh() * g.kw()];
        int q = 0;
        for (int c = 0; c < g.c(); c++)
            for (int u = 0; u < g.kh(); u++)
                for (int v = 0; v < g.kw(); v++)
                    tapOffsets[q++] = (c * g.kw() + v) * planeLength + u * g.dilH() * g.outW();
        this.inside = g.outW() == g.w() ? insideMask(g, planeLength) : null;
    }

    private static boolean[] insideMask(ConvGeometry g, int planeLength) {
        int ow = g.outW();
        boolean[] inside = new boolean[g.kw() * planeLength];
        for (int v = 0; v < g.kw(); v++) {
            int shift = v * g.dilW() - g.padW();
            for (int i = 0; i < planeLength; i++) {
                int row = i / ow - g.padH(), col = i % ow + shift;
                inside[v * planeLength + i] = row >= 0 && row < g.h() && col >= 0 && col < g.w();
            }
        }
        return inside;
    }

    /** Floats one image's planes take. */
    int imageLength() {
        return g.c() * g.kw() * planeLength;
    }

    /** Where tap q = (c·KH + u)·KW + v (the weights' own order) starts within an image's planes. */
    int[] tapOffsets() {
        return tapOffsets;
    }

    /** Writes image n's planes to dst[at, at + imageLength()). */
    void build(float[] x, int n, float[] dst, int at) {
        int h = g.h(), w = g.w(), ow = g.outW();
        for (int c = 0; c < g.c(); c++) {
            int src = (n * g.c() + c) * h * w;
            for (int v = 0; v < g.kw(); v++) {
                int d = at + (c * g.kw() + v) * planeLength;
                int shift = v * g.dilW() - g.padW();
                if (inside != null) {
                    copySameWidth(x, src - g.padH() * w + shift, dst, d, v * planeLength);
                    continue;
                }
                int lo = Math.min(ow, Math.max(0, -shift)), hi = Math.max(lo, Math.min(ow, w - shift));
                int r0 = Math.min(rows, g.padH()), r1 = Math.max(r0, Math.min(rows, g.padH() + h));
                if (hi == lo) r1 = r0;
                Arrays.fill(dst, d, d + r0 * ow, 0f);
                copyRows(x, src + (r0 - g.padH()) * w + shift, w, dst, d + r0 * ow, r1 - r0, ow, lo, hi);
                Arrays.fill(dst, d + r1 * ow, d + planeLength, 0f);
            }
        }
    }

    /**
     * Rows as wide as the input's are the input shifted by a constant, except for the padding
     * rows and the columns that wrapped around a row end: dst[d + i] = x[base + i] where inside,
     * 0 elsewhere, as one vector loop over the whole plane. Row-by-row copies (or a bulk copy
     * then zeroing) measured 2x slower on 14- to 32-wide rows; a mask loaded from booleans,
     * 1.3-1.6x faster than one compared from floats.
     */
    private void copySameWidth(float[] x, int base, float[] dst, int d, int keep) {
        FloatVector zero = FloatVector.zero(S);
        // Scalar where a whole vector would reach outside x: only ever at the batch's two ends.
        int vectorFrom = Math.min(planeLength, Math.max(0, -base));
        int vectorTo = Math.min(planeLength, x.length - base) - L;
        int i = 0;
        for (; i < vectorFrom; i++) dst[d + i] = inside[keep + i] ? x[base + i] : 0f;
        for (; i <= vectorTo; i += L)
            zero.blend(FloatVector.fromArray(S, x, base + i), VectorMask.fromArray(S, inside, keep + i)).intoArray(dst, d + i);
        for (; i < planeLength; i++) dst[d + i] = inside[keep + i] ? x[base + i] : 0f;
    }

    /** Output rows narrower or wider than the input's: one copy per row, zeros around it. */
    private static void copyRows(float[] x, int src, int w, float[] dst, int d, int count, int ow, int lo, int hi) {
        for (int r = 0; r < count; r++) {
            int row = d + r * ow;
            Arrays.fill(dst, row, row + lo, 0f);
            System.arraycopy(x, src + r * w + lo, dst, row + lo, hi - lo);
            Arrays.fill(dst, row + hi, row + ow, 0f);
        }
    }
}
