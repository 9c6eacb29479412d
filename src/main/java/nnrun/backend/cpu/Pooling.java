package nnrun.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import nnrun.backend.PoolGeometry;

/**
 * Max and average pooling, forward and backward, parallel over the N·C planes: every window
 * of a plane reads and writes only that plane, so planes never race.
 */
public final class Pooling {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final int LANES = F.length();
    /** 512-bit vectors are native here; elsewhere the Vector API would emulate them, slower than scalar. */
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.length() >= LANES;
    /**
     * Even and odd lanes of two concatenated vectors (the left and right columns of 16 windows):
     * each vector's picks, then the second's blended into the upper half. JDK 17's two-vector
     * rearrange rebuilds its shuffle on every call (5% of a cifar_convnet profile).
     */
    private static final VectorShuffle<Float> EVEN = pick(0), ODD = pick(1);
    private static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(F, -1L << (LANES / 2));
    private static final IntVector EVEN_OFFSETS = IntVector.fromArray(I, java.util.stream.IntStream.range(0, LANES).map(l -> 2 * l).toArray(), 0);

    private final Parallel pool;

    public Pooling(Parallel pool) {
        this.pool = pool;
    }

    public void maxForward(PoolGeometry g, float[] x, float[] y, int[] argmax) {
        int oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w();
        if (g.kh() == 2 && g.kw() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0 && g.padW() == 0) {
            maxForward2x2(g, x, y, argmax);
            return;
        }
        pool.forRange(g.n() * g.c(), (long) oh * ow * g.kh() * g.kw(), (from, to) -> {
            for (int nc = from; nc < to; nc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int at = -1;
                        for (int u = 0; u < g.kh(); u++) {
                            int ih = i * g.strideH() - g.padH() + u;
                            if (ih < 0 || ih >= h) continue;
                            for (int v = 0; v < g.kw(); v++) {
                                int iw = j * g.strideW() - g.padW() + v;
                                if (iw < 0 || iw >= w) continue;
                                int idx = (nc * h + ih) * w + iw;
                                float xv = x[idx];
                                // Strictly greater keeps the first of equal maxima; NaN wins, as in PyTorch.
                                if (at < 0 || xv > best || Float.isNaN(xv)) { best = xv; at = idx; }
                            }
                        }
                        int o = (nc * oh + i) * ow + j;
                        y[o] = best;
                        argmax[o] = at;
                    }
        });
    }

    /**
     * The ConvNets' 2×2, stride-2 window without padding, 16 outputs per step. With ReLU outputs
     * the scalar loop's "is this one bigger" branches are coin flips: it took 9.5 ms for
     * mnist_convnet's first pooling layer (a sixth of a training step); this takes a third of that.
     * Each window is decided in two rounds, (top-left, top-right) and (bottom-left, bottom-right)
     * and then top against bottom, which keeps the sequential loop's choice: the first of equal
     * maxima, and the last NaN.
     */
    private void maxForward2x2(PoolGeometry g, float[] x, float[] y, int[] argmax) {
        int oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w();
        pool.forRange(g.n() * g.c(), (long) oh * ow * 4, (from, to) -> {
            for (int nc = from; nc < to; nc++) {
                int planeEnd = (nc + 1) * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int row = (nc * h + 2 * i) * w, o = (nc * oh + i) * ow;
                    int j = 0;
                    // A vector may run past the row: its extra lanes land on the plane's next
                    // outputs, which are computed again later. It must stay inside the plane
                    // (another thread's planes follow) and its reads inside x.
                    while (WIDE && j < ow && o + j + LANES <= planeEnd && row + w + 2 * (j + LANES) <= x.length) {
                        maxWindows2x2(x, row + 2 * j, w, y, argmax, o + j);
                        j += LANES;
                    }
                    for (; j < ow; j++) {
                        int at = row + 2 * j;
                        float best = x[at];
                        int c1 = at + 1, c2 = at + w, c3 = at + w + 1;
                        if (x[c1] > best || x[c1] != x[c1]) { best = x[c1]; at = c1; }
                        if (x[c2] > best || x[c2] != x[c2]) { best = x[c2]; at = c2; }
                        if (x[c3] > best || x[c3] != x[c3]) { best = x[c3]; at = c3; }
                        y[o + j] = best;
                        argmax[o + j] = at;
                    }
                }
            }
        });
    }

    /** 16 adjacent 2×2 windows whose top-left corners are x[at], x[at + 2], …; results at y[o..o+16). */
    private static void maxWindows2x2(float[] x, int at, int w, float[] y, int[] argmax, int o) {
        FloatVector top0 = FloatVector.fromArray(F, x, at), top1 = FloatVector.fromArray(F, x, at + LANES);
        FloatVector bot0 = FloatVector.fromArray(F, x, at + w), bot1 = FloatVector.fromArray(F, x, at + w + LANES);
        FloatVector a = top0.rearrange(EVEN).blend(top1.rearrange(EVEN), UPPER_HALF);
        FloatVector b = top0.rearrange(ODD).blend(top1.rearrange(ODD), UPPER_HALF);
        FloatVector c = bot0.rearrange(EVEN).blend(bot1.rearrange(EVEN), UPPER_HALF);
        FloatVector d = bot0.rearrange(ODD).blend(bot1.rearrange(ODD), UPPER_HALF);
        IntVector left = EVEN_OFFSETS.add(at);
        VectorMask<Float> takeB = b.compare(VectorOperators.GT, a).or(b.test(VectorOperators.IS_NAN));
        VectorMask<Float> takeD = d.compare(VectorOperators.GT, c).or(d.test(VectorOperators.IS_NAN));
        FloatVector top = a.blend(b, takeB), bottom = c.blend(d, takeD);
        IntVector topAt = left.blend(left.add(1), takeB.cast(I));
        IntVector bottomAt = left.add(w).blend(left.add(w + 1), takeD.cast(I));
        VectorMask<Float> takeBottom = bottom.compare(VectorOperators.GT, top).or(bottom.test(VectorOperators.IS_NAN));
        top.blend(bottom, takeBottom).intoArray(y, o);
        topAt.blend(bottomAt, takeBottom.cast(I)).intoArray(argmax, o);
    }

    public void maxBackward(PoolGeometry g, float[] dy, int[] argmax, float[] dx) {
        int planeIn = g.h() * g.w(), planeOut = g.outH() * g.outW();
        pool.forRange(g.n() * g.c(), planeOut + planeIn, (from, to) -> {
            Arrays.fill(dx, from * planeIn, to * planeIn, 0f);
            for (int o = from * planeOut; o < to * planeOut; o++) dx[argmax[o]] += dy[o];
        });
    }

    public void avgForward(PoolGeometry g, float[] x, float[] y) {
        int oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w();
        float inv = 1f / (g.kh() * g.kw());
        pool.forRange(g.n() * g.c(), (long) oh * ow * g.kh() * g.kw(), (from, to) -> {
            for (int nc = from; nc < to; nc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        float s = 0;
                        for (int u = 0; u < g.kh(); u++) {
                            int ih = i * g.strideH() - g.padH() + u;
                            if (ih < 0 || ih >= h) continue;
                            for (int v = 0; v < g.kw(); v++) {
                                int iw = j * g.strideW() - g.padW() + v;
                                if (iw >= 0 && iw < w) s += x[(nc * h + ih) * w + iw];
                            }
                        }
                        y[(nc * oh + i) * ow + j] = s * inv;
                    }
        });
    }

    public void avgBackward(PoolGeometry g, float[] dy, float[] dx) {
        int oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w();
        float inv = 1f / (g.kh() * g.kw());
        pool.forRange(g.n() * g.c(), (long) oh * ow * g.kh() * g.kw() + h * w, (from, to) -> {
            Arrays.fill(dx, from * h * w, to * h * w, 0f);
            for (int nc = from; nc < to; nc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        float d = dy[(nc * oh + i) * ow + j] * inv;
                        for (int u = 0; u < g.kh(); u++) {
                            int ih = i * g.strideH() - g.padH() + u;
                            if (ih < 0 || ih >= h) continue;
                            for (int v = 0; v < g.kw(); v++) {
                                int iw = j * g.strideW() - g.padW() + v;
                                if (iw >= 0 && iw < w) dx[(nc * h + ih) * w + iw] += d;
                            }
                        }
                    }
        });
    }

    /** Lane l takes lane (2l + parity) mod 16: lanes 2l and 2l+1 of the pair, wherever they sit. */
    private static VectorShuffle<Float> pick(int parity) {
        int[] from = new int[LANES];
        for (int l = 0; l < LANES; l++) from[l] = (2 * l + parity) % LANES;
        return VectorShuffle.fromArray(F, from, 0);
    }
}
