package nnrun.backend.cpu;

import java.util.Arrays;
import nnrun.backend.PoolGeometry;

/**
 * Max and average pooling, forward and backward, parallel over the N·C planes: every window
 * of a plane reads and writes only that plane, so planes never race.
 */
public final class Pooling {
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

    /** The ConvNets' 2×2, stride-2 window without padding: no bounds checks, four reads per output. */
    private void maxForward2x2(PoolGeometry g, float[] x, float[] y, int[] argmax) {
        int oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w();
        pool.forRange(g.n() * g.c(), (long) oh * ow * 4, (from, to) -> {
            for (int nc = from; nc < to; nc++)
                for (int i = 0; i < oh; i++) {
                    int row = (nc * h + 2 * i) * w, o = (nc * oh + i) * ow;
                    for (int j = 0; j < ow; j++) {
                        int at = row + 2 * j;
                        float best = x[at];
                        // Same order and tie rule as the general loop: first of equal maxima, NaN wins.
                        int c1 = at + 1, c2 = at + w, c3 = at + w + 1;
                        if (x[c1] > best || x[c1] != x[c1]) { best = x[c1]; at = c1; }
                        if (x[c2] > best || x[c2] != x[c2]) { best = x[c2]; at = c2; }
                        if (x[c3] > best || x[c3] != x[c3]) { best = x[c3]; at = c3; }
                        y[o + j] = best;
                        argmax[o + j] = at;
                    }
                }
        });
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
}
