package nnrun.backend;

import jdk.incubator.vector.FloatVector;
import nnrun.backend.cpu.ChannelKernels;
import nnrun.backend.cpu.Convolution;
import nnrun.backend.cpu.ElementwiseKernels;
import nnrun.backend.cpu.Parallel;
import nnrun.backend.cpu.Pooling;
import nnrun.backend.cpu.Sgemm;
import nnrun.backend.cpu.ThreadBudget;

/**
 * The fast CPU path: a packed, register-blocked SIMD SGEMM (jdk.incubator.vector), im2col
 * convolutions on top of it, and SIMD elementwise kernels, all on one fixed pool of daemon
 * threads, as many as the process's {@link ThreadBudget}. See docs/backend-java.md for the design and measured figures.
 *
 * <p>An instance keeps scratch buffers (packed panels, im2col columns) between calls and must
 * be called from one thread at a time; separate instances are independent, even when they
 * share the machine-wide thread pool.
 */
public final class JavaBackend implements Backend {

    private final Parallel pool;
    /** Which setting sized the pool (see {@link ThreadBudget}); null for a pool given directly. */
    private final String poolSource;
    private final Sgemm sgemm;
    private final Convolution convolution;
    private final Pooling pooling;
    private final ElementwiseKernels elementwise;
    private final ChannelKernels channels;
    /**
     * Runs the optimizer, activation, softmax, loss, error-count, mask, indexing and comparison kernels as the reference loops
     * (and holds the array cache):
     * each is one pass over a parameter or an activation, a small share of a step beside the
     * products and convolutions (they ran as these same host loops before they were kernels).
     */
    private final ReferenceBackend loops = new ReferenceBackend();

    /** A backend on the process's shared pool, as many threads as {@link ThreadBudget#current()}. */
    public JavaBackend() {
        this(ThreadBudget.current());
    }

    public JavaBackend(ThreadBudget budget) {
        this(Parallel.shared(budget.threads()), budget.source());
    }

    public JavaBackend(Parallel pool) {
        this(pool, null);
    }

    private JavaBackend(Parallel pool, String poolSource) {
        this.pool = pool;
        this.poolSource = poolSource;
        this.sgemm = new Sgemm(pool);
        this.convolution = new Convolution(pool, sgemm);
        this.pooling = new Pooling(pool);
        this.elementwise = new ElementwiseKernels(pool);
        this.channels = new ChannelKernels(pool);
    }

    /** Host memory either way: the reference backend's cache serves this backend too. */
    @Override public float[] allocate(int n) { return loops.allocate(n); }

    @Override public int[] allocateIndices(int n) { return loops.allocateIndices(n); }

    @Override public void release(float[] array) { loops.release(array); }

    @Override public void release(int[] array) { loops.release(array); }

    @Override public String name() { return "java"; }

    @Override
    public String description() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        return "Java Vector API, " + lanes + " float lanes (" + lanes * 32 + "-bit SIMD), "
                + pool.threads() + (pool.threads() == 1 ? " thread" : " threads") + (poolSource == null ? "" : " (" + poolSource + ")");
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        checkGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        sgemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Catches shape and stride mistakes up front, where they are still easy to explain. */
    private static void checkGemm(boolean transA, boolean transB, int m, int n, int k,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0)
            throw new IllegalArgumentException("gemm sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        if (m == 0 || n == 0) return;
        checkMatrix("C", m, n, c, cOff, ldc, "");
        if (k == 0) return;
        checkMatrix("A", transA ? k : m, transA ? m : k, a, aOff, lda, transA ? " (A is transposed: stored k×m)" : "");
        checkMatrix("B", transB ? n : k, transB ? k : n, b, bOff, ldb, transB ? " (B is transposed: stored n×k)" : "");
    }

    private static void checkMatrix(String name, int rows, int cols, float[] x, int off, int ld, String note) {
        if (ld < cols)
            throw new IllegalArgumentException("gemm: leading dimension of " + name + " is " + ld
                    + " but its rows hold " + cols + " values" + note + "; pass ld" + name.toLowerCase() + " >= " + cols);
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length)
            throw new IllegalArgumentException("gemm: " + name + " is " + rows + "×" + cols + " at offset " + off
                    + " with row stride " + ld + note + ", which needs " + last + " floats, but its buffer holds " + x.length);
    }

    @Override
    public void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        convolution.forward(g, x, w, bias, y);
    }

    @Override
    public void conv2dBackwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        convolution.backwardInput(g, dy, w, dx);
    }

    @Override
    public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        convolution.backwardWeight(g, x, dy, dw, dbias);
    }

    @Override
    public void maxPool2dForward(PoolGeometry g, float[] x, float[] y, int[] argmax) {
        pooling.maxForward(g, x, y, argmax);
    }

    @Override
    public void maxPool2dBackward(PoolGeometry g, float[] dy, int[] argmax, float[] dx) {
        pooling.maxBackward(g, dy, argmax, dx);
    }

    @Override
    public void avgPool2dForward(PoolGeometry g, float[] x, float[] y) {
        pooling.avgForward(g, x, y);
    }

    @Override
    public void avgPool2dBackward(PoolGeometry g, float[] dy, float[] dx) {
        pooling.avgBackward(g, dy, dx);
    }

    @Override
    public void unary(Unary op, float[] x, float[] y, int n) {
        elementwise.unary(op, x, y, n);
    }

    @Override
    public void binary(Binary op, float[] a, float[] b, float[] out, int n) {
        elementwise.binary(op, a, b, out, n);
    }

    @Override
    public void binaryStrided(Binary op, float[] a, int[] aStrides, float[] b, int[] bStrides,
                              float[] out, int[] outShape) {
        elementwise.binaryStrided(op, a, aStrides, b, bStrides, out, outShape);
    }

    @Override
    public void sumAxis(float[] x, int outer, int len, int inner, float[] out) {
        elementwise.sumAxis(x, outer, len, inner, out);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, float[] y) {
        elementwise.axpy(n, alpha, x, y);
    }

    @Override
    public void scale(int n, float alpha, float[] x) {
        elementwise.scale(n, alpha, x);
    }

    @Override
    public void reluBackward(float[] y, float[] g, float[] dx, int n) { channels.reluBackward(y, g, dx, n); }

    @Override
    public void sgdUpdate(SgdRule rule, float[] w, float[] g, float[] b, int n) {
        elementwise.sgdUpdate(rule, w, g, b, n);
    }

    @Override
    public void channelSums(float[] x, float[] times, int n, int channels, int spatial, double[] sum, double[] dot) {
        this.channels.sums(x, times, n, channels, spatial, sum, dot);
    }

    @Override
    public void channelAffine(float[] x, float[] scale, float[] shift, int n, int channels, int spatial, float[] y) {
        this.channels.affine(x, scale, shift, n, channels, spatial, y);
    }

    @Override
    public double softmaxCrossEntropy(float[] logits, int[] labels, int rows, int classes, float[] probs) {
        return elementwise.softmaxCrossEntropy(logits, labels, rows, classes, probs);
    }

    /** A plain loop: a batch of logits is a few thousand floats, too few for a vector kernel to matter. */
    @Override
    public void softmaxCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float scale, float[] d) {
        for (int i = 0, at = 0; i < rows; i++)
            for (int j = 0; j < classes; j++, at++) d[at] = (probs[at] - (labels[i] == j ? 1f : 0f)) * scale;
    }

    /** One System.arraycopy (a JIT intrinsic) per row. */
    @Override
    public void fillRows(float[] row, float[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) System.arraycopy(row, 0, y, r * cols, cols);
    }

    @Override
    public void adamUpdate(AdamRule rule, float[] w, float[] g, float[] m, float[] v, int n) {
        loops.adamUpdate(rule, w, g, m, v, n);
    }

    @Override
    public void rmsPropUpdate(RmsPropRule rule, float[] w, float[] g, float[] v, float[] a, float[] b, int n) {
        loops.rmsPropUpdate(rule, w, g, v, a, b, n);
    }

    @Override
    public void clipByGlobalNorm(java.util.List<float[]> grads, float maxNorm) { loops.clipByGlobalNorm(grads, maxNorm); }

    @Override
    public void leakyRelu(float slope, float[] x, float[] y, int n) { loops.leakyRelu(slope, x, y, n); }

    @Override
    public void leakyReluBackward(float slope, float[] x, float[] g, float[] dx, int n) {
        loops.leakyReluBackward(slope, x, g, dx, n);
    }

    @Override
    public void softmax(float[] x, int outer, int len, int inner, float[] y) { loops.softmax(x, outer, len, inner, y); }

    @Override
    public void softmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx) {
        loops.softmaxBackward(y, g, outer, len, inner, dx);
    }

    @Override
    public void logSoftmax(float[] x, int outer, int len, int inner, float[] y) { loops.logSoftmax(x, outer, len, inner, y); }

    @Override
    public void logSoftmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx) {
        loops.logSoftmaxBackward(y, g, outer, len, inner, dx);
    }

    @Override
    public long misclassified(float[] out, int[] labels, int rows, int cols) { return loops.misclassified(out, labels, rows, cols); }

    @Override
    public void dropoutMask(long seed, float keep, float[] mask, int n) { loops.dropoutMask(seed, keep, mask, n); }

    /** Composed of this backend's threaded channel kernels. */
    @Override
    public void batchNormForward(float[] x, float[] gamma, float[] beta, int n, int channels, int spatial, float eps,
                                 float[] xhat, float[] invStd, float[] mean, float[] var, float[] y) {
        HostBatchNorm.forward(this, x, gamma, beta, n, channels, spatial, eps, xhat, invStd, mean, var, y);
    }

    @Override
    public void batchNormBackward(float[] g, float[] xhat, float[] gamma, float[] invStd, int n, int channels, int spatial,
                                  float[] dx, float[] dGamma, float[] dBeta) {
        HostBatchNorm.backward(this, g, xhat, gamma, invStd, n, channels, spatial, dx, dGamma, dBeta);
    }

    @Override
    public double smoothedCrossEntropy(float[] logits, int[] labels, int rows, int classes, float smoothing, float[] probs) {
        return loops.smoothedCrossEntropy(logits, labels, rows, classes, smoothing, probs);
    }

    @Override
    public void smoothedCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float smoothing, float scale,
                                             float[] d) {
        loops.smoothedCrossEntropyBackward(probs, labels, rows, classes, smoothing, scale, d);
    }

    @Override
    public void copyStrided(float[] x, int xOffset, int[] xStrides, float[] out, int[] shape) {
        loops.copyStrided(x, xOffset, xStrides, out, shape);
    }

    @Override
    public void concat(java.util.List<float[]> parts, int[] lens, int outer, int inner, float[] out) {
        loops.concat(parts, lens, outer, inner, out);
    }

    @Override
    public void gatherSum(float[] x, int outer, int len, int inner, int[] starts, int[] sources, int n, float[] out) {
        loops.gatherSum(x, outer, len, inner, starts, sources, n, out);
    }

    @Override
    public void compare(Relation relation, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outShape) {
        loops.compare(relation, a, aStrides, b, bStrides, out, outShape);
    }

    @Override
    public void where(float[] w, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outShape) {
        loops.where(w, a, aStrides, b, bStrides, out, outShape);
    }

    @Override
    public void extremeAlong(boolean smallest, float[] x, int outer, int len, int inner, float[] values, int[] positions) {
        loops.extremeAlong(smallest, x, outer, len, inner, values, positions);
    }

    @Override
    public void takeAlong(float[] x, int[] positions, int outer, int len, int inner, float[] out) {
        loops.takeAlong(x, positions, outer, len, inner, out);
    }

    @Override
    public void placeAlong(float[] g, int[] positions, int outer, int len, int inner, float[] dx) {
        loops.placeAlong(g, positions, outer, len, inner, dx);
    }

    @Override
    public double logisticLoss(float[] z, float[] y, int n) { return loops.logisticLoss(z, y, n); }

    @Override
    public void logisticLossBackward(float[] z, float[] y, int n, float scale, float[] d) {
        loops.logisticLossBackward(z, y, n, scale, d);
    }

    @Override
    public void powBackward(float p, float[] x, float[] g, float[] dx, int n) { loops.powBackward(p, x, g, dx, n); }

    @Override
    public void powExponentSlope(float[] a, float[] y, float[] out, int n) { loops.powExponentSlope(a, y, out, n); }
}
