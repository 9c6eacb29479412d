package nnrun.backend;

/**
 * Compute kernels over flat, row-major float buffers. The autodiff ops call only these for
 * their heavy lifting and never know which implementation runs.
 *
 * <p>Conventions: every kernel overwrites its output buffer (callers accumulate where they
 * need to) and buffers may be larger than the region a kernel touches.
 *
 * <p>Where the values live: a device backend keeps a copy of every buffer a kernel touched, and
 * outputs stay on the device. So the host reads a kernel's output only after {@link #toHost}, and
 * writes a buffer it has passed to a kernel before only after {@link #hostWrites} (tensors do this
 * through their {@link Storage}).
 */
public interface Backend {

    /**
     * An array of n floats for a step's values, from this backend's {@link ArrayCache} of released
     * arrays when one of that length is free, else new. Its values are unspecified (a reused array
     * keeps a previous step's): callers that need zeros fill it ({@link nnrun.autodiff.MemoryScope}
     * allocates here).
     */
    float[] allocate(int n);

    /** An array of n ints, as {@link #allocate}. */
    int[] allocateIndices(int n);

    /**
     * Takes back an array that nothing will use again (a finished step's activation, gradient or
     * batch) for a later {@link #allocate}; its values are gone. A device backend keeps its device
     * buffer with it, so the next step allocates nothing on the device either.
     */
    void release(float[] array);

    void release(int[] array);

    /** Short name shown in run summaries and {@code nnrun devices} ("java", "opencl", ...). */
    String name();

    /** One line about where this backend runs: device, threads, SIMD width. */
    String description();

    /**
     * C = alpha·op(A)·op(B) + beta·C, all row-major; op(X) is X or Xᵀ. op(A) is m×k, op(B) is
     * k×n, C is m×n with row stride ldc. lda and ldb are the row strides of A and B as stored.
     * With beta == 0, C's previous contents are ignored (even NaN).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /** y = conv(x, w) + bias; bias may be null. x: N·C·H·W, w: OC·C·KH·KW, y: N·OC·OH·OW. */
    void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y);

    /** dx = ∂L/∂x given dy = ∂L/∂y. */
    void conv2dBackwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx);

    /** dw = ∂L/∂w and, when dbias is not null, dbias = ∂L/∂bias (summed over N, OH, OW). */
    void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias);

    /** y = max over each window; argmax receives the flat input index chosen (ties: first). */
    void maxPool2dForward(PoolGeometry g, float[] x, float[] y, int[] argmax);

    /** dx = 0 except at each window's argmax, which receives the sum of its dy. */
    void maxPool2dBackward(PoolGeometry g, float[] dy, int[] argmax, float[] dx);

    /** y = mean over each window; padding counts as zeros in the window (PyTorch's default). */
    void avgPool2dForward(PoolGeometry g, float[] x, float[] y);

    void avgPool2dBackward(PoolGeometry g, float[] dy, float[] dx);

    /** y[i] = op(x[i]) for i in [0, n). x and y may be the same buffer. */
    void unary(Unary op, float[] x, float[] y, int n);

    /** out[i] = op(a[i], b[i]) for i in [0, n). out may alias a or b. */
    void binary(Binary op, float[] a, float[] b, float[] out, int n);

    /**
     * Broadcasting binary op: out has shape outShape (row-major, contiguous); a and b are read
     * through strides given per output axis (0 on a broadcast axis).
     */
    void binaryStrided(Binary op, float[] a, int[] aStrides, float[] b, int[] bStrides,
                       float[] out, int[] outShape);

    /** Views x as outer×len×inner and writes out[o·inner + i] = Σ_j x[(o·len + j)·inner + i]. */
    void sumAxis(float[] x, int outer, int len, int inner, float[] out);

    /** y[i] += alpha·x[i] for i in [0, n). */
    void axpy(int n, float alpha, float[] x, float[] y);

    /** x[i] *= alpha for i in [0, n). */
    void scale(int n, float alpha, float[] x);

    /**
     * Where a device backend's time went since it started: kernels apart from copies between host
     * and device, with the bytes copied. Empty for backends that compute in the host's memory.
     */
    default java.util.Optional<DeviceTime> deviceTime() { return java.util.Optional.empty(); }

    /**
     * Called before the host reads a buffer a kernel may have written (tensors call it in
     * {@code data()}). A backend that keeps buffers on a device copies the device's newer values
     * back; both copies are then equal, so the next kernel that reads the buffer uploads nothing.
     * Backends that compute in the host's arrays do nothing.
     */
    default void toHost(float[] buffer) {}

    /** {@link #toHost(float[])} for index buffers (max pooling's argmax). */
    default void toHost(int[] buffer) {}

    /**
     * Called before the host writes into a buffer a kernel may have seen (tensors call it in
     * {@code mutableData()}). A device backend copies newer device values back (the host may write
     * only part) and from then on treats the host's values as the newer ones, so the next kernel
     * that reads the buffer uploads it. Backends that compute in the host's arrays do nothing.
     */
    default void hostWrites(float[] buffer) {}

    /** y[r·cols + j] = row[j] for every row r < rows: a bias broadcast over a batch. */
    void fillRows(float[] row, float[] y, int rows, int cols);

    /** d = (probs − onehot(labels))·scale over rows×classes: softmax cross-entropy's VJP. */
    void softmaxCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float scale, float[] d);

    /** One SGD step over w[0, n) in place; b is the momentum buffer (null without momentum). */
    void sgdUpdate(SgdRule rule, float[] w, float[] g, float[] b, int n);

    /** dx[i] = g[i] where y[i] > 0, else 0: ReLU's VJP from its output y. */
    void reluBackward(float[] y, float[] g, float[] dx, int n);

    /** One Adam or AdamW step over w[0, n) in place, with the moment buffers m and v ({@link AdamRule}). */
    void adamUpdate(AdamRule rule, float[] w, float[] g, float[] m, float[] v, int n);

    /**
     * One RMSprop step over w[0, n) in place ({@link RmsPropRule}): v is the square average, a the
     * gradient average (null unless centered), b the momentum buffer (null without momentum).
     */
    void rmsPropUpdate(RmsPropRule rule, float[] w, float[] g, float[] v, float[] a, float[] b, int n);

    /**
     * PyTorch's clip_grad_norm_ over whole buffers: when the L2 norm ‖g‖ of all of them together
     * exceeds maxNorm, scales each by maxNorm/(‖g‖ + 1e-6). The norm never leaves the backend.
     */
    void clipByGlobalNorm(java.util.List<float[]> grads, float maxNorm);

    /** y[i] = x[i] where x[i] > 0, else slope·x[i]. */
    void leakyRelu(float slope, float[] x, float[] y, int n);

    /** dx[i] = g[i] where x[i] > 0, else slope·g[i]: leaky ReLU's VJP from its input x. */
    void leakyReluBackward(float slope, float[] x, float[] g, float[] dx, int n);

    /** Softmax along the middle axis of x viewed as outer×len×inner, max-shifted so it never overflows. */
    void softmax(float[] x, int outer, int len, int inner, float[] y);

    /** dx = y·(g − Σ g·y) along the middle axis of outer×len×inner: softmax's VJP from its output y. */
    void softmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx);

    /** y = x − log Σ exp(x) along the middle axis of outer×len×inner, max-shifted so it stays finite. */
    void logSoftmax(float[] x, int outer, int len, int inner, float[] y);

    /** dx = g − exp(y)·Σ g along the middle axis: log-softmax's VJP from its output y. */
    void logSoftmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx);

    /**
     * How many of rows×cols outputs predict a class other than the label: the argmax of each row
     * (ties: the first), or for a single column, output > 0 as class 1.
     */
    long misclassified(float[] out, int[] labels, int rows, int cols);

    /** mask[i] = 1/keep or 0 for i in [0, n), from the counter-based {@link DropoutMask}. */
    void dropoutMask(long seed, float keep, float[] mask, int n);

    /**
     * Batch normalization with batch statistics over x viewed as [n, channels, spatial]: per channel
     * the mean, the biased variance and invStd = 1/√(var + eps); x̂ = (x − mean)·invStd and
     * y = γ·x̂ + β. Every output stays where the backend computes.
     */
    void batchNormForward(float[] x, float[] gamma, float[] beta, int n, int channels, int spatial, float eps,
                          float[] xhat, float[] invStd, float[] mean, float[] var, float[] y);

    /** dβ = Σg, dγ = Σg·x̂ and dx = γ·invStd/M·(M·g − dβ − x̂·dγ) per channel, with M = n·spatial. */
    void batchNormBackward(float[] g, float[] xhat, float[] gamma, float[] invStd, int n, int channels, int spatial,
                           float[] dx, float[] dGamma, float[] dBeta);

    /**
     * Per channel c of x viewed as [n, channels, spatial]: sum[c] = Σ x and, when {@code times}
     * is not null, dot[c] = Σ x·times (the reductions of batch normalization).
     */
    void channelSums(float[] x, float[] times, int n, int channels, int spatial, double[] sum, double[] dot);

    /** y = x·scale[c] + shift[c] per channel c of x viewed as [n, channels, spatial]. y may be x. */
    void channelAffine(float[] x, float[] scale, float[] shift, int n, int channels, int spatial, float[] y);

    /**
     * Softmax cross-entropy on logits (rows×classes), numerically stable. Writes the softmax
     * probabilities into probs and returns the summed (not averaged) negative log-likelihood of
     * the labels.
     */
    double softmaxCrossEntropy(float[] logits, int[] labels, int rows, int classes, float[] probs);

    /**
     * Softmax cross-entropy with label smoothing ε on logits (rows×classes): row r's target is
     * q = (1 − ε)·onehot(labels[r]) + ε/classes (PyTorch's definition). Writes the softmax into probs
     * and returns the summed loss −Σ q·log p, from the same max-shifted log-sum-exp as
     * {@link #softmaxCrossEntropy}, which is the case ε = 0.
     */
    double smoothedCrossEntropy(float[] logits, int[] labels, int rows, int classes, float smoothing, float[] probs);

    /** d = (probs − q)·scale over rows×classes with q the smoothed targets: the VJP of {@link #smoothedCrossEntropy}. */
    void smoothedCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float smoothing, float scale,
                                      float[] d);

    /**
     * out = x read through strides: for every index (i₀, i₁, ...) of shape, the element at that index's
     * row-major position in out (contiguous) is x[xOffset + Σ i_d·xStrides[d]]. A permutation of axes, a
     * slice with a step and a piece cut out of a concatenation are such views.
     */
    void copyStrided(float[] x, int xOffset, int[] xStrides, float[] out, int[] shape);

    /**
     * Joins parts along the middle axis: out, viewed as outer×Σlens×inner, holds part p (outer×lens[p]×inner)
     * at positions lens[0] + ... + lens[p − 1] onwards along that axis. Together the parts fill out.
     */
    void concat(java.util.List<float[]> parts, int[] lens, int outer, int inner, float[] out);

    /**
     * Picks and sums along the middle axis: with x viewed as outer×len×inner and out as outer×n×inner,
     * out[o, j, i] = Σ x[o, sources[t], i] over t in [starts[j], starts[j + 1]), in that order (0 for an
     * empty range); with starts null, out[o, j, i] = x[o, sources[j], i]. A selection with repeats is
     * the second form and its VJP the first (each position sums the gradients of the picks that read
     * it), so no two work-items ever add into one element.
     */
    void gatherSum(float[] x, int outer, int len, int inner, int[] starts, int[] sources, int n, float[] out);

    /** out = relation(a, b) elementwise, with a and b read through strides as in {@link #binaryStrided}. */
    void compare(Relation relation, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outShape);

    /**
     * out = a where w ≠ 0, else b, over outShape: w and out are contiguous, a and b read through strides
     * as in {@link #binaryStrided}. The side not picked never reaches out, so its infinities do not either.
     */
    void where(float[] w, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outShape);

    /**
     * Per lane (o, i) of x viewed as outer×len×inner (len ≥ 1): the largest element (the smallest when
     * smallest is set) into values[o·inner + i] and its position along the lane into positions[o·inner + i].
     * Ties take the first; a NaN is selected (the first one), as in PyTorch.
     */
    void extremeAlong(boolean smallest, float[] x, int outer, int len, int inner, float[] values, int[] positions);

    /** out[o·inner + i] = x[o, positions[o·inner + i], i] with x viewed as outer×len×inner (a max's JVP). */
    void takeAlong(float[] x, int[] positions, int outer, int len, int inner, float[] out);

    /**
     * dx, viewed as outer×len×inner, is 0 except dx[o, positions[o·inner + i], i] = g[o·inner + i]: the VJP
     * of {@link #takeAlong} (and of a max along an axis).
     */
    void placeAlong(float[] g, int[] positions, int outer, int len, int inner, float[] dx);

    /**
     * The summed logistic loss Σ log(1 + exp(−y·z)) over n scores z and labels y = ±1, each term as
     * max(u, 0) + log1p(exp(−|u|)) with u = −y·z, which is finite for any finite score.
     */
    double logisticLoss(float[] z, float[] y, int n);

    /** d = −y·σ(−y·z)·scale over n scores, the sigmoid in its stable form: the logistic loss's VJP. */
    void logisticLossBackward(float[] z, float[] y, int n, float scale, float[] d);

    /**
     * dx = g·p·x^(p−1), the VJP of x^p for a constant p; 0 everywhere for p = 0, where x^(−1) would turn
     * 0·∞ at x = 0 into NaN.
     */
    void powBackward(float p, float[] x, float[] g, float[] dx, int n);

    /** out = y·ln a, and 0 where a = 0: ∂(a^b)/∂b from the power y = a^b (PyTorch's limit at a = 0). */
    void powExponentSlope(float[] a, float[] y, float[] out, int n);
}
