package nnrun.backend.cpu;

import java.util.Arrays;
import nnrun.backend.ConvGeometry;

/**
 * 2-D convolution over NCHW tensors as im2col + SGEMM, one image at a time: for image n,
 * col (C·KH·KW × OH·OW) gathers the input windows and
 * <pre>
 *   forward          y[n]  = W · col                  (OC × OH·OW, written in place in y)
 *   backward input   dcol  = Wᵀ · dy[n],  dx[n] = col2im(dcol)
 *   backward weight  dW   += dy[n] · colᵀ,  dbias += row sums of dy[n]
 * </pre>
 * A minibatch is cut into one contiguous run of images per thread, each with its own col
 * buffer, serial GEMM and weight-gradient partial, so threads never meet until the final
 * reduction. A single image (or a single thread) instead uses the pool inside the GEMM.
 * A 1×1, stride-1, unpadded convolution skips im2col: the input already is its col matrix.
 *
 * <p>Scratch buffers grow to the largest geometry seen and are reused across calls; one
 * instance serves one caller at a time.
 */
public final class Convolution {

    /** What one thread owns while it works through its images. */
    private static final class Lane {
        final Sgemm serialGemm = new Sgemm(null);
        float[] col = new float[0];
        float[] dw = new float[0];
        float[] dbias = new float[0];

        float[] col(int size) {
            if (col.length < size) col = new float[size];
            return col;
        }
    }

    private final Parallel pool;
    private final Sgemm pooledGemm;
    private final Lane[] lanes;

    public Convolution(Parallel pool, Sgemm pooledGemm) {
        this.pool = pool;
        this.pooledGemm = pooledGemm;
        this.lanes = new Lane[pool.threads()];
        for (int t = 0; t < lanes.length; t++) lanes[t] = new Lane();
    }

    /** Body run for images [from, to) with the given lane's buffers and GEMM. */
    private interface ImageRun { void run(int lane, Sgemm gemm, int from, int to); }

    /** Splits the batch over threads, or runs it in the caller with the pooled GEMM. */
    private int forImages(ConvGeometry g, ImageRun body) {
        int parts = Math.min(lanes.length, g.n());
        if (parts <= 1 || g.macs() < 4 * Parallel.MIN_PARALLEL_WORK) {
            body.run(0, pooledGemm, 0, g.n());
            return 1;
        }
        pool.run(parts, t -> body.run(t, lanes[t].serialGemm,
                Parallel.chunkStart(g.n(), parts, t), Parallel.chunkStart(g.n(), parts, t + 1)));
        return parts;
    }

    public void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC();
        boolean direct = isPointwise(g);
        forImages(g, (lane, gemm, from, to) -> {
            float[] col = direct ? null : lanes[lane].col(ckk * p);
            for (int n = from; n < to; n++) {
                int yOff = n * oc * p;
                if (bias != null)
                    for (int o = 0; o < oc; o++) Arrays.fill(y, yOff + o * p, yOff + (o + 1) * p, bias[o]);
                float beta = bias == null ? 0f : 1f;
                if (direct) {
                    gemm.gemm(false, false, oc, p, ckk, 1f, w, 0, ckk, x, n * ckk * p, p, beta, y, yOff, p);
                } else {
                    im2col(g, x, n, col);
                    gemm.gemm(false, false, oc, p, ckk, 1f, w, 0, ckk, col, 0, p, beta, y, yOff, p);
                }
            }
        });
    }

    public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC(), image = g.c() * g.h() * g.w();
        boolean direct = isPointwise(g);
        forImages(g, (lane, gemm, from, to) -> {
            float[] col = direct ? null : lanes[lane].col(ckk * p);
            for (int n = from; n < to; n++) {
                if (direct) {
                    gemm.gemm(true, false, ckk, p, oc, 1f, w, 0, ckk, dy, n * oc * p, p, 0f, dx, n * image, p);
                } else {
                    gemm.gemm(true, false, ckk, p, oc, 1f, w, 0, ckk, dy, n * oc * p, p, 0f, col, 0, p);
                    Arrays.fill(dx, n * image, (n + 1) * image, 0f);
                    col2im(g, col, n, dx);
                }
            }
        });
    }

    public void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC(), wSize = g.weightSize();
        boolean direct = isPointwise(g);
        int parts = forImages(g, (lane, gemm, from, to) -> {
            // Lane 0 accumulates straight into the caller's buffers; the others into their own.
            float[] dwAcc = lane == 0 ? dw : grow(lanes[lane], wSize, oc).dw;
            float[] dbAcc = lane == 0 ? dbias : lanes[lane].dbias;
            float[] col = direct ? null : lanes[lane].col(ckk * p);
            for (int n = from; n < to; n++) {
                float beta = n == from ? 0f : 1f;
                if (direct) {
                    gemm.gemm(false, true, oc, ckk, p, 1f, dy, n * oc * p, p, x, n * ckk * p, p, beta, dwAcc, 0, ckk);
                } else {
                    im2col(g, x, n, col);
                    gemm.gemm(false, true, oc, ckk, p, 1f, dy, n * oc * p, p, col, 0, p, beta, dwAcc, 0, ckk);
                }
                if (dbias != null) {
                    for (int o = 0; o < oc; o++) {
                        float s = Reductions.sum(dy, (n * oc + o) * p, p);
                        dbAcc[o] = n == from ? s : dbAcc[o] + s;
                    }
                }
            }
        });
        for (int t = 1; t < parts; t++) {
            Reductions.addInto(lanes[t].dw, dw, wSize);
            if (dbias != null) Reductions.addInto(lanes[t].dbias, dbias, oc);
        }
    }

    private static Lane grow(Lane lane, int wSize, int oc) {
        if (lane.dw.length < wSize) lane.dw = new float[wSize];
        if (lane.dbias.length < oc) lane.dbias = new float[oc];
        return lane;
    }

    private static boolean isPointwise(ConvGeometry g) {
        return g.kh() == 1 && g.kw() == 1 && g.strideH() == 1 && g.strideW() == 1 && g.padH() == 0 && g.padW() == 0;
    }

    /**
     * First output column whose input column ow·stride + offset lies in [0, size), and one past
     * the last: the window of a kernel tap that does not fall into the padding.
     */
    private static int firstInside(int offset, int stride) {
        return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    }

    private static int endInside(int offset, int stride, int size, int outSize) {
        if (offset >= size) return 0;
        return Math.min(outSize, (size - offset + stride - 1) / stride);
    }

    /** col[(c·KH + u)·KW + v][oh·OW + ow] = x[n][c][oh·sh − ph + u·dh][ow·sw − pw + v·dw], 0 in padding. */
    static void im2col(ConvGeometry g, float[] x, int n, float[] col) {
        int oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w(), sw = g.strideW();
        int row = 0;
        for (int c = 0; c < g.c(); c++) {
            int plane = (n * g.c() + c) * h * w;
            for (int u = 0; u < g.kh(); u++) {
                for (int v = 0; v < g.kw(); v++, row++) {
                    int colOff = -g.padW() + v * g.dilW();
                    int lo = Math.min(ow, firstInside(colOff, sw)), hi = Math.max(lo, endInside(colOff, sw, w, ow));
                    for (int i = 0; i < oh; i++) {
                        int d = (row * oh + i) * ow;
                        int ih = i * g.strideH() - g.padH() + u * g.dilH();
                        if (ih < 0 || ih >= h) {
                            Arrays.fill(col, d, d + ow, 0f);
                            continue;
                        }
                        int src = plane + ih * w + colOff;
                        Arrays.fill(col, d, d + lo, 0f);
                        if (sw == 1) System.arraycopy(x, src + lo, col, d + lo, hi - lo);
                        else for (int j = lo; j < hi; j++) col[d + j] = x[src + j * sw];
                        Arrays.fill(col, d + hi, d + ow, 0f);
                    }
                }
            }
        }
    }

    /** The adjoint of im2col: dx[n] += each col entry at the input position it was gathered from. */
    static void col2im(ConvGeometry g, float[] col, int n, float[] dx) {
        int oh = g.outH(), ow = g.outW(), h = g.h(), w = g.w(), sw = g.strideW();
        int row = 0;
        for (int c = 0; c < g.c(); c++) {
            int plane = (n * g.c() + c) * h * w;
            for (int u = 0; u < g.kh(); u++) {
                for (int v = 0; v < g.kw(); v++, row++) {
                    int colOff = -g.padW() + v * g.dilW();
                    int lo = firstInside(colOff, sw), hi = endInside(colOff, sw, w, ow);
                    for (int i = 0; i < oh; i++) {
                        int ih = i * g.strideH() - g.padH() + u * g.dilH();
                        if (ih < 0 || ih >= h) continue;
                        int d = (row * oh + i) * ow, dst = plane + ih * w + colOff;
                        for (int j = lo; j < hi; j++) dx[dst + j * sw] += col[d + j];
                    }
                }
            }
        }
    }
}
