package nnrun.backend.opencl;

import nnrun.backend.Backend;
import nnrun.backend.Binary;
import nnrun.backend.ConvGeometry;
import nnrun.backend.DeviceTime;
import nnrun.backend.PoolGeometry;
import nnrun.backend.ReferenceBackend;
import nnrun.backend.SelfCheck;
import nnrun.backend.SgdRule;
import nnrun.backend.Unary;

/**
 * Every {@link Backend} kernel on one OpenCL device, with buffers that stay on the device.
 *
 * <p>The kernels are Java classes translated to OpenCL C by Aparapi ({@link TranslatedKernel}).
 * {@link DeviceMemory} gives each array a device buffer outside the Java heap: a kernel's inputs
 * are uploaded only when the host has newer values, and its outputs stay on the device until the
 * host asks for them ({@link #toHost}), which tensors do when user code reads them. In a training
 * step the batch goes in, the weights, activations, gradients and momentum stay on the device, and
 * the loss comes out ({@code ResidentTrainingTest} counts the copies).
 *
 * <p>Construction runs every kernel once on the device and compares it with
 * {@link ReferenceBackend}; a kernel that Aparapi cannot translate, the device cannot compile, or
 * that computes a different answer makes construction fail.
 */
public final class OpenClBackend implements Backend, AutoCloseable {
    private final OpenClDeviceInfo device;
    private final OpenClContext cl;
    private final DeviceMemory memory;

    private final TranslatedKernel<GemmKernel> gemm;
    private final TranslatedKernel<ConvForwardKernel> convForward;
    private final TranslatedKernel<ConvBackwardInputKernel> convBackwardInput;
    private final TranslatedKernel<ConvBackwardWeightKernel> convBackwardWeight;
    private final TranslatedKernel<ConvBiasGradKernel> convBiasGrad;
    private final TranslatedKernel<MaxPoolForwardKernel> maxPoolForward;
    private final TranslatedKernel<MaxPoolBackwardKernel> maxPoolBackward;
    private final TranslatedKernel<AvgPoolForwardKernel> avgPoolForward;
    private final TranslatedKernel<AvgPoolBackwardKernel> avgPoolBackward;
    private final TranslatedKernel<UnaryKernel> unary;
    private final TranslatedKernel<BinaryKernel> binary;
    private final TranslatedKernel<SumAxisKernel> sumAxis;
    private final TranslatedKernel<AxpyKernel> axpy;
    private final TranslatedKernel<SoftmaxCrossEntropyKernel> softmax;
    private final TranslatedKernel<SoftmaxCrossEntropyBackwardKernel> softmaxBackward;
    private final TranslatedKernel<SgdKernel> sgd;
    private final TranslatedKernel<ReluBackwardKernel> reluBackward;
    private final TranslatedKernel<ChannelAffineKernel> channelAffine;
    private final TranslatedKernel<FillRowsKernel> fillRows;
    private final TranslatedKernel<ChannelSumsKernel> channelSums;

    /** Partial sums per channel in batch-norm statistics: enough work-items to fill a device, few numbers to bring back. */
    private static final int CHANNEL_SUM_PARTS = 16;

    /** Bound to array fields a launch does not read. */
    private static final float[] UNUSED_FLOATS = new float[1];
    private static final int[] UNUSED_INTS = new int[1];

    /**
     * Translates, compiles and self-checks every kernel on the device (PoCL takes a few seconds).
     *
     * @throws OpenClUnavailableException if any kernel cannot be translated or compiled, or disagrees with the reference
     */
    public OpenClBackend(OpenClDeviceInfo device) {
        this(device, true);
    }

    /**
     * Translates and compiles every kernel without the self-check, for {@code nnrun selfcheck},
     * which runs the check itself to report every kernel rather than stop at the first failure.
     */
    public static OpenClBackend withoutSelfCheck(OpenClDeviceInfo device) {
        return new OpenClBackend(device, false);
    }

    private OpenClBackend(OpenClDeviceInfo device, boolean selfCheck) {
        this.device = device;
        try {
            this.cl = new OpenClContext(device);
        } catch (RuntimeException e) {
            throw new OpenClUnavailableException("cannot open OpenCL device " + device.name() + ": " + e.getMessage(), e);
        }
        this.memory = new DeviceMemory(cl);
        try {
            gemm = translate(new GemmKernel());
            convForward = translate(new ConvForwardKernel());
            convBackwardInput = translate(new ConvBackwardInputKernel());
            convBackwardWeight = translate(new ConvBackwardWeightKernel());
            convBiasGrad = translate(new ConvBiasGradKernel());
            maxPoolForward = translate(new MaxPoolForwardKernel());
            maxPoolBackward = translate(new MaxPoolBackwardKernel());
            avgPoolForward = translate(new AvgPoolForwardKernel());
            avgPoolBackward = translate(new AvgPoolBackwardKernel());
            unary = translate(new UnaryKernel());
            binary = translate(new BinaryKernel());
            sumAxis = translate(new SumAxisKernel());
            axpy = translate(new AxpyKernel());
            softmax = translate(new SoftmaxCrossEntropyKernel());
            softmaxBackward = translate(new SoftmaxCrossEntropyBackwardKernel());
            sgd = translate(new SgdKernel());
            reluBackward = translate(new ReluBackwardKernel());
            channelAffine = translate(new ChannelAffineKernel());
            fillRows = translate(new FillRowsKernel());
            channelSums = translate(new ChannelSumsKernel());
            if (selfCheck) SelfCheck.verify(this, new ReferenceBackend());
        } catch (RuntimeException e) {
            cl.close();
            throw new OpenClUnavailableException("OpenCL device " + device.name() + " failed nnrun's self-check: "
                    + e.getMessage(), e);
        }
    }

    private <K extends com.aparapi.Kernel> TranslatedKernel<K> translate(K kernel) {
        return new TranslatedKernel<>(cl, memory, kernel);
    }

    public OpenClDeviceInfo device() { return device; }

    /** Transfer and compute time so far (waits for the device); subtract two snapshots for one step. */
    public DeviceTime stats() {
        cl.settle();
        return cl.stats.snapshot();
    }

    /** Whether the device holds newer values of this buffer than the host (tests check where data lives). */
    public synchronized boolean onDeviceOnly(float[] buffer) { return memory.deviceNewer(buffer); }

    @Override public String name() { return "opencl"; }

    @Override public String description() {
        return "OpenCL (Aparapi kernels, JOCL device memory) on " + device.summary();
    }

    @Override public java.util.Optional<DeviceTime> deviceTime() { return java.util.Optional.of(stats()); }

    @Override public synchronized void toHost(float[] buffer) { memory.toHost(buffer); }

    @Override public synchronized void toHost(int[] buffer) { memory.toHost(buffer); }

    @Override public void close() { cl.close(); }

    @Override
    public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        gemm.fields.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        boolean wholeC = beta == 0f && cOff == 0 && ldc == n && c.length == m * n;
        gemm.runTiles(n, m, GemmKernel.TILE, GemmKernel.GROUP, wholeC ? c : UNUSED_FLOATS);
    }

    @Override
    public synchronized void conv2dForward(ConvGeometry geo, float[] x, float[] w, float[] bias, float[] y) {
        ConvForwardKernel k = convForward.fields;
        k.n = geo.n(); k.c = geo.c(); k.h = geo.h(); k.wd = geo.w(); k.outC = geo.outC(); k.kh = geo.kh(); k.kw = geo.kw();
        k.strideH = geo.strideH(); k.strideW = geo.strideW(); k.padH = geo.padH(); k.padW = geo.padW();
        k.dilH = geo.dilH(); k.dilW = geo.dilW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.w = w; k.y = y;
        k.hasBias = bias == null ? 0 : 1;
        k.bias = bias == null ? UNUSED_FLOATS : bias;
        convForward.runTiles(geo.n() * geo.outH() * geo.outW(), geo.outC(), ConvForwardKernel.TILE, ConvForwardKernel.GROUP,
                y.length == geo.outputSize() ? y : UNUSED_FLOATS);
    }

    @Override
    public synchronized void conv2dBackwardInput(ConvGeometry geo, float[] dy, float[] w, float[] dx) {
        ConvBackwardInputKernel k = convBackwardInput.fields;
        k.n = geo.n(); k.c = geo.c(); k.h = geo.h(); k.wd = geo.w(); k.outC = geo.outC(); k.kh = geo.kh(); k.kw = geo.kw();
        k.strideH = geo.strideH(); k.strideW = geo.strideW(); k.padH = geo.padH(); k.padW = geo.padW();
        k.dilH = geo.dilH(); k.dilW = geo.dilW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.dy = dy; k.w = w; k.dx = dx;
        convBackwardInput.runTiles(geo.n() * geo.h() * geo.w(), geo.c(), ConvBackwardInputKernel.TILE, ConvBackwardInputKernel.GROUP,
                dx.length == geo.inputSize() ? dx : UNUSED_FLOATS);
    }

    @Override
    public synchronized void conv2dBackwardWeight(ConvGeometry geo, float[] x, float[] dy, float[] dw, float[] dbias) {
        ConvBackwardWeightKernel k = convBackwardWeight.fields;
        k.n = geo.n(); k.c = geo.c(); k.h = geo.h(); k.wd = geo.w(); k.outC = geo.outC(); k.kh = geo.kh(); k.kw = geo.kw();
        k.strideH = geo.strideH(); k.strideW = geo.strideW(); k.padH = geo.padH(); k.padW = geo.padW();
        k.dilH = geo.dilH(); k.dilW = geo.dilW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.dy = dy; k.dw = dw;
        convBackwardWeight.runTiles(geo.c() * geo.kh() * geo.kw(), geo.outC(), ConvBackwardWeightKernel.TILE, ConvBackwardWeightKernel.GROUP,
                dw.length == geo.weightSize() ? dw : UNUSED_FLOATS);
        if (dbias == null) return;
        ConvBiasGradKernel bk = convBiasGrad.fields;
        bk.n = geo.n(); bk.outC = geo.outC(); bk.pixels = geo.outH() * geo.outW();
        bk.dy = dy; bk.dbias = dbias;
        convBiasGrad.run(geo.outC(), dbias.length == geo.outC() ? dbias : UNUSED_FLOATS);
    }

    @Override
    public synchronized void maxPool2dForward(PoolGeometry geo, float[] x, float[] y, int[] argmax) {
        MaxPoolForwardKernel k = maxPoolForward.fields;
        k.total = geo.outputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.y = y; k.argmax = argmax;
        maxPoolForward.run(geo.outputSize(), y.length == geo.outputSize() ? y : UNUSED_FLOATS,
                argmax.length == geo.outputSize() ? argmax : UNUSED_INTS);
    }

    @Override
    public synchronized void maxPool2dBackward(PoolGeometry geo, float[] dy, int[] argmax, float[] dx) {
        MaxPoolBackwardKernel k = maxPoolBackward.fields;
        k.total = geo.inputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.dy = dy; k.argmax = argmax; k.dx = dx;
        maxPoolBackward.run(geo.inputSize(), dx.length == geo.inputSize() ? dx : UNUSED_FLOATS);
    }

    @Override
    public synchronized void avgPool2dForward(PoolGeometry geo, float[] x, float[] y) {
        AvgPoolForwardKernel k = avgPoolForward.fields;
        k.total = geo.outputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.y = y;
        avgPoolForward.run(geo.outputSize(), y.length == geo.outputSize() ? y : UNUSED_FLOATS);
    }

    @Override
    public synchronized void avgPool2dBackward(PoolGeometry geo, float[] dy, float[] dx) {
        AvgPoolBackwardKernel k = avgPoolBackward.fields;
        k.total = geo.inputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.dy = dy; k.dx = dx;
        avgPoolBackward.run(geo.inputSize(), dx.length == geo.inputSize() ? dx : UNUSED_FLOATS);
    }

    @Override
    public synchronized void unary(Unary op, float[] x, float[] y, int n) {
        if (n == 0) return;
        UnaryKernel k = unary.fields;
        k.op = opcode(op);
        k.n = n;
        k.x = x; k.y = y;
        unary.run(n, y.length == n ? y : UNUSED_FLOATS);
    }

    @Override
    public synchronized void binary(Binary op, float[] a, float[] b, float[] out, int n) {
        if (n == 0) return;
        launchBinary(op, a, null, b, null, out, n, null);
    }

    @Override
    public synchronized void binaryStrided(Binary op, float[] a, int[] aStrides, float[] b, int[] bStrides,
                                           float[] out, int[] outShape) {
        int total = 1;
        for (int d : outShape) total *= d;
        if (total == 0) return;
        if (outShape.length == 0) { // a scalar: one element, no strides to walk
            launchBinary(op, a, null, b, null, out, 1, null);
            return;
        }
        launchBinary(op, a, aStrides, b, bStrides, out, total, outShape);
    }

    private void launchBinary(Binary op, float[] a, int[] aStrides, float[] b, int[] bStrides,
                              float[] out, int n, int[] outShape) {
        BinaryKernel k = binary.fields;
        k.op = opcode(op);
        k.n = n;
        k.a = a; k.b = b; k.out = out;
        k.rank = outShape == null ? 0 : outShape.length;
        k.aStrides = outShape == null ? UNUSED_INTS : aStrides;
        k.bStrides = outShape == null ? UNUSED_INTS : bStrides;
        k.outShape = outShape == null ? UNUSED_INTS : outShape;
        binary.run(n, out.length == n ? out : UNUSED_FLOATS);
    }

    @Override
    public synchronized void sumAxis(float[] x, int outer, int len, int inner, float[] out) {
        int n = outer * inner;
        if (n == 0) return;
        if (out == x) { // work-items read inputs that others overwrite: sum aside, then copy as one row
            float[] sums = new float[n];
            sumAxis(x, outer, len, inner, sums);
            fillRows(sums, out, 1, n);
            return;
        }
        SumAxisKernel k = sumAxis.fields;
        k.outer = outer; k.len = len; k.inner = inner;
        k.x = x; k.out = out;
        sumAxis.run(n, out.length == n ? out : UNUSED_FLOATS);
    }

    @Override
    public synchronized void axpy(int n, float alpha, float[] x, float[] y) {
        if (n == 0) return;
        AxpyKernel k = axpy.fields;
        k.n = n; k.alpha = alpha; k.scaleOnly = 0;
        k.x = x; k.y = y;
        axpy.run(n);
    }

    @Override
    public synchronized void scale(int n, float alpha, float[] x) {
        if (n == 0) return;
        AxpyKernel k = axpy.fields;
        k.n = n; k.alpha = alpha; k.scaleOnly = 1;
        k.x = UNUSED_FLOATS; k.y = x;
        axpy.run(n);
    }

    @Override
    public synchronized void sgdUpdate(SgdRule rule, float[] w, float[] g, float[] b, int n) {
        if (n == 0) return;
        SgdKernel k = sgd.fields;
        k.n = n; k.lr = rule.lr(); k.momentum = rule.momentum(); k.keep = 1 - rule.dampening();
        k.weightDecay = rule.weightDecay(); k.nesterov = rule.nesterov() ? 1 : 0; k.firstStep = rule.firstStep() ? 1 : 0;
        k.w = w; k.g = g; k.b = b == null ? UNUSED_FLOATS : b;
        sgd.run(n, rule.firstStep() && b != null && b.length == n ? b : UNUSED_FLOATS);
    }

    @Override
    public synchronized void reluBackward(float[] y, float[] g, float[] dx, int n) {
        if (n == 0) return;
        ReluBackwardKernel k = reluBackward.fields;
        k.n = n; k.y = y; k.g = g; k.dx = dx;
        reluBackward.run(n, dx.length == n ? dx : UNUSED_FLOATS);
    }

    /** Batch-norm statistics: partial sums on the device, and only those (parts × channels floats) come back. */
    @Override
    public synchronized void channelSums(float[] x, float[] times, int n, int channels, int spatial, double[] sum, double[] dot) {
        java.util.Arrays.fill(sum, 0, channels, 0);
        if (times != null) java.util.Arrays.fill(dot, 0, channels, 0);
        int parts = Math.min(n, CHANNEL_SUM_PARTS);
        if (parts == 0 || channels == 0) return;
        ChannelSumsKernel k = channelSums.fields;
        float[] partSum = new float[parts * channels], partDot = times == null ? UNUSED_FLOATS : new float[parts * channels];
        k.n = n; k.channels = channels; k.spatial = spatial; k.parts = parts; k.hasTimes = times == null ? 0 : 1;
        k.x = x; k.times = times == null ? UNUSED_FLOATS : times; k.partSum = partSum; k.partDot = partDot;
        channelSums.run(parts * channels, partSum, partDot);
        memory.toHost(partSum);
        if (times != null) memory.toHost(partDot);
        for (int i = 0; i < parts * channels; i++) {
            sum[i % channels] += partSum[i];
            if (times != null) dot[i % channels] += partDot[i];
        }
    }

    @Override
    public synchronized void channelAffine(float[] x, float[] scale, float[] shift, int n, int channels, int spatial, float[] y) {
        int total = n * channels * spatial;
        if (total == 0) return;
        ChannelAffineKernel k = channelAffine.fields;
        k.total = total; k.channels = channels; k.spatial = spatial;
        k.x = x; k.scale = scale; k.shift = shift; k.y = y;
        channelAffine.run(total, y.length == total ? y : UNUSED_FLOATS);
    }

    @Override
    public synchronized void fillRows(float[] row, float[] y, int rows, int cols) {
        int total = rows * cols;
        if (total == 0) return;
        FillRowsKernel k = fillRows.fields;
        k.total = total; k.cols = cols; k.row = row; k.y = y;
        fillRows.run(total, y.length == total ? y : UNUSED_FLOATS);
    }

    @Override
    public synchronized double softmaxCrossEntropy(float[] logits, int[] labels, int rows, int classes, float[] probs) {
        if (rows == 0) return 0;
        int n = rows * classes;
        SoftmaxCrossEntropyKernel k = softmax.fields;
        float[] rowLoss = new float[rows];
        k.rows = rows; k.classes = classes;
        k.logits = logits; k.labels = labels; k.probs = probs; k.rowLoss = rowLoss;
        softmax.run(rows, probs.length == n ? probs : UNUSED_FLOATS, rowLoss);
        memory.toHost(rowLoss); // the loss is what a step sends back
        double loss = 0;
        for (float l : rowLoss) loss += l;
        return loss;
    }

    @Override
    public synchronized void softmaxCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float scale, float[] d) {
        int total = rows * classes;
        if (total == 0) return;
        SoftmaxCrossEntropyBackwardKernel k = softmaxBackward.fields;
        k.total = total; k.classes = classes; k.scale = scale;
        k.probs = probs; k.labels = labels; k.d = d;
        softmaxBackward.run(total, d.length == total ? d : UNUSED_FLOATS);
    }

    static int opcode(Unary op) {
        return switch (op) {
            case NEG -> UnaryKernel.NEG;
            case EXP -> UnaryKernel.EXP;
            case LOG -> UnaryKernel.LOG;
            case SQRT -> UnaryKernel.SQRT;
            case ABS -> UnaryKernel.ABS;
            case SIN -> UnaryKernel.SIN;
            case COS -> UnaryKernel.COS;
            case TANH -> UnaryKernel.TANH;
            case SIGMOID -> UnaryKernel.SIGMOID;
            case RELU -> UnaryKernel.RELU;
        };
    }

    static int opcode(Binary op) {
        return switch (op) {
            case ADD -> BinaryKernel.ADD;
            case SUB -> BinaryKernel.SUB;
            case MUL -> BinaryKernel.MUL;
            case DIV -> BinaryKernel.DIV;
            case MAX -> BinaryKernel.MAX;
            case MIN -> BinaryKernel.MIN;
            case POW -> BinaryKernel.POW;
        };
    }
}
