package nnrun.backend.cpu;

import java.util.Arrays;
import nnrun.backend.ConvGeometry;

/**
 * 2-D convolution over NCHW tensors. Unit-stride layers (every layer of the reference ConvNets)
 * run direct kernels on {@link ShiftedPlanes}, KW shifted copies of each input plane in which
 * every kernel tap is one fixed offset:
 * <pre>
 *   forward          {@link DirectConvForward}: y[n] = W · taps(planes), B read in place
 *   backward input   a forward convolution of dy with W flipped in space (so direct as well)
 *   backward weight  {@link ChannelVectorWeightGradient} for many taps,
 *                    {@link PixelVectorWeightGradient} for a first layer's few
 * </pre>
 * Other strides, and layers too narrow for a whole register tile, take im2col + SGEMM one
 * image at a time: col (C·KH·KW × OH·OW) gathers the input windows and
 * <pre>
 *   forward          y[n]  = [W | bias] · [col; 1]           (OC × OH·OW, written in place in y)
 *   backward input   dcol = Wᵀ · dy[n], dx[n] = col2im(dcol)
 *   backward weight  [dW | dbias] += dy[n] · [col; 1]ᵀ
 * </pre>
 * A minibatch is cut into one contiguous run of images per thread, each with its own scratch
 * buffers, serial GEMM and weight-gradient partial, so threads never meet until the final
 * reduction. A single image (or a small layer) instead uses the pool inside the GEMM.
 * A 1×1, stride-1, unpadded convolution skips im2col in the forward pass and input gradient:
 * the input already is its col matrix.
 *
 * <p>Scratch buffers grow to the largest geometry seen and are reused across calls; one
 * instance serves one caller at a time.
 */
public final class Convolution {

    /** What one thread owns while it works through its images. */
    private static final class Lane {
        final Sgemm serialGemm = new Sgemm(null);
        final ScratchBuffer col = new ScratchBuffer(), acc = new ScratchBuffer(), planes = new ScratchBuffer(),
                transposed = new ScratchBuffer(), biasAcc = new ScratchBuffer();
    }

    private final Parallel pool;
    private final Sgemm pooledGemm;
    private final Lane[] lanes;
    private final ScratchBuffer flipped = new ScratchBuffer(), augmented = new ScratchBuffer(),
            packedWeights = new ScratchBuffer();

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
        if (isPointwise(g)) {
            forImages(g, (lane, gemm, from, to) -> {
                for (int n = from; n < to; n++) {
                    int yOff = n * oc * p;
                    if (bias != null)
                        for (int o = 0; o < oc; o++) Arrays.fill(y, yOff + o * p, yOff + (o + 1) * p, bias[o]);
                    gemm.gemm(false, false, oc, p, ckk, 1f, w, 0, ckk, x, n * ckk * p, p,
                            bias == null ? 0f : 1f, y, yOff, p);
                }
            });
            return;
        }
        if (usesDirectForward(g)) {
            directForward(g, x, w, bias, y);
            return;
        }
        // The bias rides along as one more depth step: a bias column on W against a row of
        // ones under col, so y is written once instead of filled, read back and written again.
        int depth = bias == null ? ckk : ckk + 1;
        float[] a = bias == null ? w : weightsWithBias(w, bias, oc, ckk);
        forImages(g, (lane, gemm, from, to) -> {
            float[] col = lanes[lane].col.atLeast(depth * p);
            if (bias != null) Arrays.fill(col, ckk * p, depth * p, 1f);
            for (int n = from; n < to; n++) {
                im2col(g, x, n, col);
                gemm.gemm(false, false, oc, p, depth, 1f, a, 0, depth, col, 0, p, 0f, y, n * oc * p, p);
            }
        });
    }

    private static boolean usesDirectForward(ConvGeometry g) {
        return ShiftedPlanes.fits(g) && DirectConvForward.fits(g.outC(), g.outH() * g.outW());
    }

    private void directForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        ShiftedPlanes layout = new ShiftedPlanes(g);
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC();
        int packedSize = DirectConvForward.panels(oc) * DirectConvForward.ROWS * ckk;
        float[] pw = packedWeights.atLeast(packedSize);
        DirectConvForward.packWeights(w, oc, ckk, pw);
        int imageLength = layout.imageLength();
        forImages(g, (lane, gemm, from, to) -> {
            float[] planes = lanes[lane].planes.atLeast(2 * imageLength);
            for (int n = from; n < to; n += 2) {
                int count = Math.min(2, to - n);
                for (int b = 0; b < count; b++) layout.build(x, n + b, planes, b * imageLength);
                DirectConvForward.images(planes, imageLength, layout.tapOffsets(), pw, bias, oc, p, n, count, y);
            }
        });
    }

    /** [W | bias]: OC × (C·KH·KW + 1), in a reused buffer. */
    private float[] weightsWithBias(float[] w, float[] bias, int oc, int ckk) {
        int depth = ckk + 1;
        float[] wb = augmented.atLeast(oc * depth);
        for (int o = 0; o < oc; o++) {
            System.arraycopy(w, o * ckk, wb, o * depth, ckk);
            wb[o * depth + ckk] = bias[o];
        }
        return wb;
    }

    public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        ConvGeometry transposed = asForwardOfInputGradient(g);
        if (transposed != null) {
            forward(transposed, dy, flippedWeights(g, w), null, dx);
            return;
        }
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC(), image = g.c() * g.h() * g.w();
        boolean direct = isPointwise(g);
        forImages(g, (lane, gemm, from, to) -> {
            float[] col = direct ? null : lanes[lane].col.atLeast(ckk * p);
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

    /**
     * With unit strides, the input gradient is itself a forward convolution: dy, padded by
     * dil·(k − 1) − pad, convolved with the weights flipped in space and with in/out channels
     * swapped. That runs through {@link #forward} (the direct kernel, depth OC·KH·KW) with no
     * scatter-add; as one deep GEMM per image it already measured 2-3x faster than GEMM +
     * col2im. Null when it does not apply (strides above 1, padding beyond the kernel's reach)
     * or does not pay (few input channels).
     */
    private static ConvGeometry asForwardOfInputGradient(ConvGeometry g) {
        int padH = g.dilH() * (g.kh() - 1) - g.padH(), padW = g.dilW() * (g.kw() - 1) - g.padW();
        if (g.strideH() != 1 || g.strideW() != 1 || padH < 0 || padW < 0 || isPointwise(g)) return null;
        // With fewer input channels than a register tile has rows, the flipped product would be mostly padding.
        if (g.c() < DirectConvForward.ROWS) return null;
        return new ConvGeometry(g.n(), g.outC(), g.outH(), g.outW(), g.c(), g.kh(), g.kw(),
                1, 1, padH, padW, g.dilH(), g.dilW());
    }

    /** W'[c][oc][u][v] = W[oc][c][KH−1−u][KW−1−v], in a reused buffer. */
    private float[] flippedWeights(ConvGeometry g, float[] w) {
        int kh = g.kh(), kw = g.kw(), taps = kh * kw;
        float[] f = flipped.atLeast(g.weightSize());
        for (int o = 0; o < g.outC(); o++)
            for (int c = 0; c < g.c(); c++) {
                int src = (o * g.c() + c) * taps, dst = (c * g.outC() + o) * taps;
                for (int t = 0; t < taps; t++) f[dst + taps - 1 - t] = w[src + t];
            }
        return f;
    }

    /**
     * Unit strides take a direct kernel on {@link ShiftedPlanes}: vectorised along the output
     * channels when there are many taps per pixel, along the pixels when there are few (a first
     * layer's 9 or 27); see {@link #PIXELS_PER_TAP}. Anything else, or too few channels or
     * pixels for a whole register tile, takes im2col + GEMM.
     */
    public void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC();
        if (ShiftedPlanes.fits(g)) {
            if (p <= PIXELS_PER_TAP * ckk && ChannelVectorWeightGradient.fits(oc, ckk)) {
                directWeightGradient(g, x, dy, dw, dbias, true);
                return;
            }
            if (PixelVectorWeightGradient.fits(oc, ckk, p)) {
                directWeightGradient(g, x, dy, dw, dbias, false);
                return;
            }
        }
        gemmWeightGradient(g, x, dy, dw, dbias);
    }

    /**
     * The weight gradient is vectorised along the channels when OH·OW ≤ this × C·KH·KW. The
     * channel-vector kernel's extra cost, transposing dy, is 1/(C·KH·KW) of its work; the
     * pixel-vector kernel's, a round trip of its accumulators per tile and image, is ~1/(OH·OW).
     * Single thread, the two met at 16 channels of 3×3 on 32×32 images and between 4 and 8
     * channels on 16×16; this ratio picked the faster kernel at all 12 shapes measured (3 to
     * 32 input channels, 32 or 64 output channels, 14×14 to 32×32).
     */
    private static final int PIXELS_PER_TAP = 7;

    /**
     * The weight (and bias) gradient on the shifted planes, per thread over its images into its own
     * partial sums, reduced at the end: vectorised along the output channels
     * ({@link ChannelVectorWeightGradient}, after transposing dy per image) or along the pixels
     * ({@link PixelVectorWeightGradient}).
     */
    private void directWeightGradient(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias,
                                      boolean alongChannels) {
        ShiftedPlanes layout = new ShiftedPlanes(g);
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC();
        int partialLength = alongChannels ? ChannelVectorWeightGradient.partialLength(oc, ckk)
                : PixelVectorWeightGradient.partialLength(oc, ckk);
        int parts = forImages(g, (lane, gemm, from, to) -> {
            Lane own = lanes[lane];
            float[] partial = own.acc.zeroed(partialLength),
                    biasPartial = own.biasAcc.zeroed(BiasGradient.partialLength(oc));
            float[] planes = own.planes.atLeast(layout.imageLength());
            float[] dyT = alongChannels ? own.transposed.atLeast(ChannelVectorWeightGradient.transposedLength(oc, p)) : null;
            for (int n = from; n < to; n++) {
                layout.build(x, n, planes, 0);
                if (alongChannels) {
                    ChannelVectorWeightGradient.transpose(dy, n, oc, p, dyT);
                    ChannelVectorWeightGradient.accumulate(planes, layout.tapOffsets(), dyT, oc, p, partial);
                } else {
                    PixelVectorWeightGradient.accumulate(dy, n, oc, p, planes, layout.tapOffsets(), partial);
                }
                if (dbias != null) BiasGradient.accumulate(dy, n, oc, p, biasPartial);
            }
        });
        float[][] partials = new float[parts][], biasPartials = new float[parts][];
        for (int t = 0; t < parts; t++) {
            partials[t] = lanes[t].acc.current();
            biasPartials[t] = lanes[t].biasAcc.current();
        }
        if (alongChannels) ChannelVectorWeightGradient.reduce(partials, parts, oc, ckk, dw);
        else PixelVectorWeightGradient.reduce(partials, parts, oc, ckk, dw);
        if (dbias != null) BiasGradient.reduce(biasPartials, parts, oc, dbias);
    }

    /**
     * Per thread, acc = Σ over its images of dy[n] · [col; 1]ᵀ: the extra row of ones under col
     * makes the last column of acc the bias gradient. When the weight matrix is narrower than a
     * micro-tile (C·KH·KW = 9 for a one-channel input) the product is computed transposed,
     * [col; 1] · dy[n]ᵀ, so OC fills the wide side; the final reduction undoes that.
     */
    private void gemmWeightGradient(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        int p = g.outH() * g.outW(), ckk = g.c() * g.kh() * g.kw(), oc = g.outC();
        int depth = dbias == null ? ckk : ckk + 1;
        int mr = pooledGemm.tileRows(), nr = pooledGemm.tileCols();
        boolean transposed = tileFill(depth, mr) * tileFill(oc, nr) > tileFill(oc, mr) * tileFill(depth, nr);
        int parts = forImages(g, (lane, gemm, from, to) -> {
            float[] col = lanes[lane].col.atLeast(depth * p), acc = lanes[lane].acc.atLeast(oc * depth);
            if (dbias != null) Arrays.fill(col, ckk * p, depth * p, 1f);
            for (int n = from; n < to; n++) {
                im2col(g, x, n, col);
                float beta = n == from ? 0f : 1f;
                if (transposed) gemm.gemm(false, true, depth, oc, p, 1f, col, 0, p, dy, n * oc * p, p, beta, acc, 0, oc);
                else gemm.gemm(false, true, oc, depth, p, 1f, dy, n * oc * p, p, col, 0, p, beta, acc, 0, depth);
            }
        });
        for (int o = 0; o < oc; o++)
            for (int q = 0; q < depth; q++) {
                int at = transposed ? q * oc + o : o * depth + q;
                float s = 0;
                for (int t = 0; t < parts; t++) s += lanes[t].acc.current()[at];
                if (q < ckk) dw[o * ckk + q] = s;
                else dbias[o] = s;
            }
    }

    /** Fraction of a size rounded up to whole tiles that is real work. */
    private static double tileFill(int size, int tile) {
        return (double) size / ((size + tile - 1) / tile * tile);
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
        if (g.strideH() == 1 && g.strideW() == 1 && g.outW() == g.w()) {
            im2colSameWidth(g, x, n, col);
            return;
        }
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

    /**
     * im2col for unit strides when output rows are as wide as input rows (the usual "same"
     * padding): each tap's col row is then the input plane shifted by a constant, so one bulk
     * copy fills it and only the columns that wrapped around the row ends are zeroed after.
     */
    private static void im2colSameWidth(ConvGeometry g, float[] x, int n, float[] col) {
        int oh = g.outH(), w = g.w(), h = g.h(), p = oh * w;
        int row = 0;
        for (int c = 0; c < g.c(); c++) {
            int plane = (n * g.c() + c) * h * w;
            for (int u = 0; u < g.kh(); u++) {
                int rowShift = u * g.dilH() - g.padH();
                int i0 = Math.min(oh, Math.max(0, -rowShift)), i1 = Math.max(i0, Math.min(oh, h - rowShift));
                for (int v = 0; v < g.kw(); v++, row++) {
                    int colShift = v * g.dilW() - g.padW();
                    int lo = Math.min(w, Math.max(0, -colShift)), hi = Math.max(lo, Math.min(w, w - colShift));
                    int d = row * p;
                    if (i1 == i0 || hi == lo) {
                        Arrays.fill(col, d, d + p, 0f);
                        continue;
                    }
                    Arrays.fill(col, d, d + i0 * w + lo, 0f);
                    int from = i0 * w + lo, to = (i1 - 1) * w + hi;
                    System.arraycopy(x, plane + rowShift * w + colShift + from, col, d + from, to - from);
                    for (int i = i0; i < i1; i++) {
                        if (i > i0) Arrays.fill(col, d + i * w, d + i * w + lo, 0f);
                        if (i < i1 - 1) Arrays.fill(col, d + i * w + hi, d + (i + 1) * w, 0f);
                    }
                    Arrays.fill(col, d + to, d + p, 0f);
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
