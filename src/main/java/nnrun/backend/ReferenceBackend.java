package nnrun.backend;

/**
 * The plainest possible loops: single-threaded, no blocking, no SIMD. Slow on purpose; every
 * faster backend is checked against it.
 */
public class ReferenceBackend implements Backend {

    /** Released arrays for the next step: host memory, so a dropped array is simply left to the collector. */
    private final ArrayCache arrays = new ArrayCache(ArrayCache.defaultLimit(), dropped -> {});

    @Override public float[] allocate(int n) { return arrays.floats(n); }

    @Override public int[] allocateIndices(int n) { return arrays.ints(n); }

    @Override public void release(float[] array) { arrays.release(array); }

    @Override public void release(int[] array) { arrays.release(array); }

    @Override public String name() { return "reference"; }

    @Override public String description() { return "plain Java loops, 1 thread (the parity reference)"; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += (double) av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) (alpha * s + (beta == 0f ? 0.0 : (double) beta * c[ci]));
            }
        }
    }

    @Override
    public void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int oh = g.outH(), ow = g.outW();
        for (int n = 0; n < g.n(); n++)
            for (int oc = 0; oc < g.outC(); oc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[oc];
                        for (int c = 0; c < g.c(); c++)
                            for (int u = 0; u < g.kh(); u++) {
                                int ih = i * g.strideH() - g.padH() + u * g.dilH();
                                if (ih < 0 || ih >= g.h()) continue;
                                for (int v = 0; v < g.kw(); v++) {
                                    int iw = j * g.strideW() - g.padW() + v * g.dilW();
                                    if (iw < 0 || iw >= g.w()) continue;
                                    s += (double) x[((n * g.c() + c) * g.h() + ih) * g.w() + iw]
                                            * w[((oc * g.c() + c) * g.kh() + u) * g.kw() + v];
                                }
                            }
                        y[((n * g.outC() + oc) * oh + i) * ow + j] = (float) s;
                    }
    }

    @Override
    public void conv2dBackwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        java.util.Arrays.fill(dx, 0, g.inputSize(), 0f);
        int oh = g.outH(), ow = g.outW();
        for (int n = 0; n < g.n(); n++)
            for (int oc = 0; oc < g.outC(); oc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        float d = dy[((n * g.outC() + oc) * oh + i) * ow + j];
                        for (int c = 0; c < g.c(); c++)
                            for (int u = 0; u < g.kh(); u++) {
                                int ih = i * g.strideH() - g.padH() + u * g.dilH();
                                if (ih < 0 || ih >= g.h()) continue;
                                for (int v = 0; v < g.kw(); v++) {
                                    int iw = j * g.strideW() - g.padW() + v * g.dilW();
                                    if (iw < 0 || iw >= g.w()) continue;
                                    dx[((n * g.c() + c) * g.h() + ih) * g.w() + iw]
                                            += d * w[((oc * g.c() + c) * g.kh() + u) * g.kw() + v];
                                }
                            }
                    }
    }

    @Override
    public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
        java.util.Arrays.fill(dw, 0, g.weightSize(), 0f);
        if (dbias != null) java.util.Arrays.fill(dbias, 0, g.outC(), 0f);
        int oh = g.outH(), ow = g.outW();
        for (int n = 0; n < g.n(); n++)
            for (int oc = 0; oc < g.outC(); oc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++) {
                        float d = dy[((n * g.outC() + oc) * oh + i) * ow + j];
                        if (dbias != null) dbias[oc] += d;
                        for (int c = 0; c < g.c(); c++)
                            for (int u = 0; u < g.kh(); u++) {
                                int ih = i * g.strideH() - g.padH() + u * g.dilH();
                                if (ih < 0 || ih >= g.h()) continue;
                                for (int v = 0; v < g.kw(); v++) {
                                    int iw = j * g.strideW() - g.padW() + v * g.dilW();
                                    if (iw < 0 || iw >= g.w()) continue;
                                    dw[((oc * g.c() + c) * g.kh() + u) * g.kw() + v]
                                            += d * x[((n * g.c() + c) * g.h() + ih) * g.w() + iw];
                                }
                            }
                    }
    }

    @Override
    public void maxPool2dForward(PoolGeometry g, float[] x, float[] y, int[] argmax) {
        int oh = g.outH(), ow = g.outW();
        for (int nc = 0; nc < g.n() * g.c(); nc++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int u = 0; u < g.kh(); u++) {
                        int ih = i * g.strideH() - g.padH() + u;
                        if (ih < 0 || ih >= g.h()) continue;
                        for (int v = 0; v < g.kw(); v++) {
                            int iw = j * g.strideW() - g.padW() + v;
                            if (iw < 0 || iw >= g.w()) continue;
                            int idx = (nc * g.h() + ih) * g.w() + iw;
                            if (at < 0 || x[idx] > best || Float.isNaN(x[idx])) { best = x[idx]; at = idx; }
                        }
                    }
                    int o = (nc * oh + i) * ow + j;
                    y[o] = best;
                    argmax[o] = at;
                }
    }

    @Override
    public void maxPool2dBackward(PoolGeometry g, float[] dy, int[] argmax, float[] dx) {
        java.util.Arrays.fill(dx, 0, g.inputSize(), 0f);
        for (int o = 0; o < g.outputSize(); o++) dx[argmax[o]] += dy[o];
    }

    @Override
    public void avgPool2dForward(PoolGeometry g, float[] x, float[] y) {
        int oh = g.outH(), ow = g.outW();
        float inv = 1f / (g.kh() * g.kw());
        for (int nc = 0; nc < g.n() * g.c(); nc++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int u = 0; u < g.kh(); u++) {
                        int ih = i * g.strideH() - g.padH() + u;
                        if (ih < 0 || ih >= g.h()) continue;
                        for (int v = 0; v < g.kw(); v++) {
                            int iw = j * g.strideW() - g.padW() + v;
                            if (iw < 0 || iw >= g.w()) continue;
                            s += x[(nc * g.h() + ih) * g.w() + iw];
                        }
                    }
                    y[(nc * oh + i) * ow + j] = (float) s * inv;
                }
    }

    @Override
    public void avgPool2dBackward(PoolGeometry g, float[] dy, float[] dx) {
        java.util.Arrays.fill(dx, 0, g.inputSize(), 0f);
        int oh = g.outH(), ow = g.outW();
        float inv = 1f / (g.kh() * g.kw());
        for (int nc = 0; nc < g.n() * g.c(); nc++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    float d = dy[(nc * oh + i) * ow + j] * inv;
                    for (int u = 0; u < g.kh(); u++) {
                        int ih = i * g.strideH() - g.padH() + u;
                        if (ih < 0 || ih >= g.h()) continue;
                        for (int v = 0; v < g.kw(); v++) {
                            int iw = j * g.strideW() - g.padW() + v;
                            if (iw < 0 || iw >= g.w()) continue;
                            dx[(nc * g.h() + ih) * g.w() + iw] += d;
                        }
                    }
                }
    }

    @Override
    public void unary(Unary op, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = op.apply(x[i]);
    }

    @Override
    public void binary(Binary op, float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = op.apply(a[i], b[i]);
    }

    @Override
    public void binaryStrided(Binary op, float[] a, int[] aStrides, float[] b, int[] bStrides,
                              float[] out, int[] outShape) {
        forEachStrided(outShape, aStrides, bStrides, (o, ai, bi) -> out[o] = op.apply(a[ai], b[bi]));
    }

    /** What {@link #forEachStrided} calls at each output position o with both operands' offsets. */
    private interface StridedVisit {
        void at(int o, int ai, int bi);
    }

    /** Visits every row-major position of shape with the offsets of two operands read through strides. */
    private static void forEachStrided(int[] shape, int[] aStrides, int[] bStrides, StridedVisit visit) {
        int rank = shape.length;
        int[] idx = new int[rank];
        int total = 1;
        for (int d : shape) total *= d;
        int ai = 0, bi = 0;
        for (int o = 0; o < total; o++) {
            visit.at(o, ai, bi);
            // Odometer increment over the output index, keeping both source offsets in step.
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                ai += aStrides[d];
                bi += bStrides[d];
                if (idx[d] < shape[d]) break;
                ai -= aStrides[d] * shape[d];
                bi -= bStrides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    @Override
    public void sumAxis(float[] x, int outer, int len, int inner, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                double s = 0;
                for (int j = 0; j < len; j++) s += x[(o * len + j) * inner + i];
                out[o * inner + i] = (float) s;
            }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, float[] y) {
        for (int i = 0; i < n; i++) y[i] += alpha * x[i];
    }

    @Override
    public void scale(int n, float alpha, float[] x) {
        for (int i = 0; i < n; i++) x[i] *= alpha;
    }

    @Override
    public double softmaxCrossEntropy(float[] logits, int[] labels, int rows, int classes, float[] probs) {
        return smoothedCrossEntropy(logits, labels, rows, classes, 0f, probs);
    }

    /** Without smoothing only the label's term is added: ε·Σ log p would be 0·(−∞) for a logit of −∞. */
    @Override
    public double smoothedCrossEntropy(float[] logits, int[] labels, int rows, int classes, float smoothing, float[] probs) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) max = Math.max(max, logits[off + j]);
            double z = 0;
            for (int j = 0; j < classes; j++) z += Math.exp(logits[off + j] - max);
            for (int j = 0; j < classes; j++) probs[off + j] = (float) (Math.exp(logits[off + j] - max) / z);
            double logZ = Math.log(z), labelTerm = logits[off + labels[r]] - max - logZ;
            if (smoothing == 0f) {
                loss -= labelTerm;
                continue;
            }
            double logProbs = 0;
            for (int j = 0; j < classes; j++) logProbs += logits[off + j] - max - logZ;
            loss -= (1 - smoothing) * labelTerm + smoothing / classes * logProbs;
        }
        return loss;
    }

    /** y[r·cols + j] = row[j] for every row r < rows: a bias broadcast over a batch. */
    @Override
    public void fillRows(float[] row, float[] y, int rows, int cols) {
        for (int r = 0; r < rows; r++) System.arraycopy(row, 0, y, r * cols, cols);
    }

    /** d = (probs − onehot(labels))·scale over rows×classes: softmax cross-entropy's VJP. */
    @Override
    public void softmaxCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float scale, float[] d) {
        smoothedCrossEntropyBackward(probs, labels, rows, classes, 0f, scale, d);
    }

    @Override
    public void smoothedCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float smoothing, float scale,
                                             float[] d) {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < classes; j++) {
                float target = (labels[i] == j ? 1f - smoothing : 0f) + smoothing / classes;
                d[i * classes + j] = (probs[i * classes + j] - target) * scale;
            }
    }

    /** One SGD step over w[0, n) in place; b is the momentum buffer (null without momentum). */
    @Override
    public void sgdUpdate(SgdRule rule, float[] w, float[] g, float[] b, int n) {
        rule.apply(w, g, b, 0, n);
    }

    /** dx[i] = g[i] where y[i] > 0, else 0: ReLU's VJP from its output y. */
    @Override
    public void reluBackward(float[] y, float[] g, float[] dx, int n) {
        for (int i = 0; i < n; i++) dx[i] = y[i] > 0 ? g[i] : 0f;
    }

    /**
     * Per channel c of x viewed as [n, channels, spatial]: sum[c] = Σ x and, when {@code times}
     * is not null, dot[c] = Σ x·times (the reductions of batch normalization).
     */
    @Override
    public void channelSums(float[] x, float[] times, int n, int channels, int spatial, double[] sum, double[] dot) {
        java.util.Arrays.fill(sum, 0, channels, 0);
        if (times != null) java.util.Arrays.fill(dot, 0, channels, 0);
        for (int i = 0; i < n; i++)
            for (int c = 0; c < channels; c++)
                for (int k = 0, o = (i * channels + c) * spatial; k < spatial; k++) {
                    sum[c] += x[o + k];
                    if (times != null) dot[c] += (double) x[o + k] * times[o + k];
                }
    }

    /** y = x·scale[c] + shift[c] per channel c of x viewed as [n, channels, spatial]. y may be x. */
    @Override
    public void channelAffine(float[] x, float[] scale, float[] shift, int n, int channels, int spatial, float[] y) {
        for (int i = 0; i < n; i++)
            for (int c = 0; c < channels; c++)
                for (int k = 0, o = (i * channels + c) * spatial; k < spatial; k++) y[o + k] = x[o + k] * scale[c] + shift[c];
    }

    @Override
    public void adamUpdate(AdamRule rule, float[] w, float[] g, float[] m, float[] v, int n) {
        rule.apply(w, g, m, v, 0, n);
    }

    @Override
    public void rmsPropUpdate(RmsPropRule rule, float[] w, float[] g, float[] v, float[] a, float[] b, int n) {
        rule.apply(w, g, v, a, b, 0, n);
    }

    /** The sum of squares in double, as PyTorch accumulates the norm of float gradients in higher precision. */
    @Override
    public void clipByGlobalNorm(java.util.List<float[]> grads, float maxNorm) {
        double sq = 0;
        for (float[] g : grads) for (float v : g) sq += (double) v * v;
        float coef = (float) (maxNorm / (Math.sqrt(sq) + 1e-6));
        if (coef < 1) for (float[] g : grads) for (int i = 0; i < g.length; i++) g[i] *= coef;
    }

    @Override
    public void leakyRelu(float slope, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : slope * x[i];
    }

    @Override
    public void leakyReluBackward(float slope, float[] x, float[] g, float[] dx, int n) {
        for (int i = 0; i < n; i++) dx[i] = x[i] > 0 ? g[i] : slope * g[i];
    }

    /** exp(x − log Σ exp(x)) per lane, the sum in double. */
    @Override
    public void softmax(float[] x, int outer, int len, int inner, float[] y) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double logZ = logSumExp(x, base, len, inner);
                for (int j = 0; j < len; j++) y[base + j * inner] = (float) Math.exp(x[base + j * inner] - logZ);
            }
    }

    /** log Σ exp over the lane x[base], x[base + inner], ..., shifted by its max so it never overflows; in double. */
    private static double logSumExp(float[] x, int base, int len, int inner) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) max = Math.max(max, x[base + j * inner]);
        double z = 0;
        for (int j = 0; j < len; j++) z += Math.exp(x[base + j * inner] - max);
        return max + Math.log(z);
    }

    @Override
    public void softmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double dot = 0;
                for (int j = 0; j < len; j++) dot += (double) g[base + j * inner] * y[base + j * inner];
                for (int j = 0; j < len; j++) {
                    int k = base + j * inner;
                    dx[k] = (float) (y[k] * (g[k] - dot));
                }
            }
    }

    /** The sum in double, as the op computed it on the host before it was a kernel. */
    @Override
    public void logSoftmax(float[] x, int outer, int len, int inner, float[] y) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double logZ = logSumExp(x, base, len, inner);
                for (int j = 0; j < len; j++) y[base + j * inner] = (float) (x[base + j * inner] - logZ);
            }
    }

    @Override
    public void logSoftmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double sum = 0;
                for (int j = 0; j < len; j++) sum += g[base + j * inner];
                for (int j = 0; j < len; j++) {
                    int k = base + j * inner;
                    dx[k] = (float) (g[k] - Math.exp(y[k]) * sum);
                }
            }
    }

    @Override
    public long misclassified(float[] out, int[] labels, int rows, int cols) {
        long wrong = 0;
        for (int r = 0; r < rows; r++) if (predictedClass(out, r, cols) != labels[r]) wrong++;
        return wrong;
    }

    /** The class row r of rows×cols outputs predicts: its argmax (ties: the first), or for one column, output > 0 as 1. */
    public static int predictedClass(float[] out, int r, int cols) {
        if (cols == 1) return out[r] > 0 ? 1 : 0;
        int best = 0;
        for (int j = 1; j < cols; j++) if (out[r * cols + j] > out[r * cols + best]) best = j;
        return best;
    }

    @Override
    public void dropoutMask(long seed, float keep, float[] mask, int n) {
        DropoutMask.fill(seed, keep, mask, n);
    }

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
    public void copyStrided(float[] x, int xOffset, int[] xStrides, float[] out, int[] shape) {
        forEachStrided(shape, xStrides, xStrides, (o, at, sameAt) -> out[o] = x[xOffset + at]);
    }

    @Override
    public void concat(java.util.List<float[]> parts, int[] lens, int outer, int inner, float[] out) {
        int total = 0;
        for (int len : lens) total += len;
        for (int p = 0, offset = 0; p < parts.size(); offset += lens[p], p++) {
            int chunk = lens[p] * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(parts.get(p), o * chunk, out, (o * total + offset) * inner, chunk);
        }
    }

    /** Sums in float, in order: the same additions the scatter of a selection's VJP made. */
    @Override
    public void gatherSum(float[] x, int outer, int len, int inner, int[] starts, int[] sources, int n, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < inner; i++) {
                    float s;
                    if (starts == null) s = x[(o * len + sources[j]) * inner + i];
                    else {
                        s = 0f;
                        for (int t = starts[j]; t < starts[j + 1]; t++) s += x[(o * len + sources[t]) * inner + i];
                    }
                    out[(o * n + j) * inner + i] = s;
                }
    }

    @Override
    public void compare(Relation relation, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outShape) {
        forEachStrided(outShape, aStrides, bStrides, (o, ai, bi) -> out[o] = relation.apply(a[ai], b[bi]));
    }

    @Override
    public void where(float[] w, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outShape) {
        forEachStrided(outShape, aStrides, bStrides, (o, ai, bi) -> out[o] = w[o] != 0f ? a[ai] : b[bi]);
    }

    @Override
    public void extremeAlong(boolean smallest, float[] x, int outer, int len, int inner, float[] values, int[] positions) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i, best = 0;
                for (int j = 1; j < len && !Float.isNaN(x[base + best * inner]); j++) {
                    float c = x[base + j * inner], top = x[base + best * inner];
                    if (Float.isNaN(c) || (smallest ? c < top : c > top)) best = j;
                }
                values[o * inner + i] = x[base + best * inner];
                positions[o * inner + i] = best;
            }
    }

    @Override
    public void takeAlong(float[] x, int[] positions, int outer, int len, int inner, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) out[o * inner + i] = x[(o * len + positions[o * inner + i]) * inner + i];
    }

    @Override
    public void placeAlong(float[] g, int[] positions, int outer, int len, int inner, float[] dx) {
        java.util.Arrays.fill(dx, 0, outer * len * inner, 0f);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++) dx[(o * len + positions[o * inner + i]) * inner + i] = g[o * inner + i];
    }

    @Override
    public double logisticLoss(float[] z, float[] y, int n) {
        double total = 0;
        for (int k = 0; k < n; k++) {
            double u = -y[k] * z[k];
            total += Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
        }
        return total;
    }

    @Override
    public void logisticLossBackward(float[] z, float[] y, int n, float scale, float[] d) {
        for (int k = 0; k < n; k++) {
            double u = -y[k] * z[k];
            double sigmoid = u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
            d[k] = (float) (-y[k] * sigmoid * scale);
        }
    }

    @Override
    public void powBackward(float p, float[] x, float[] g, float[] dx, int n) {
        for (int i = 0; i < n; i++) dx[i] = p == 0f ? 0f : (float) (g[i] * p * Math.pow(x[i], p - 1.0));
    }

    @Override
    public void powExponentSlope(float[] a, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = a[i] == 0f ? 0f : (float) (y[i] * Math.log(a[i]));
    }
}
