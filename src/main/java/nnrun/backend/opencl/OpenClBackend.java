package nnrun.backend.opencl;

import nnrun.backend.Backend;
import nnrun.backend.Binary;
import nnrun.backend.ConvGeometry;
import nnrun.backend.PoolGeometry;
import nnrun.backend.ReferenceBackend;
import nnrun.backend.Unary;

/**
 * Every {@link Backend} kernel as an Aparapi kernel on one OpenCL device.
 *
 * <p>Transfers are explicit: each call puts the arrays it reads (and the arrays it writes only in
 * part, so the untouched rest survives the copy back) and gets the arrays it writes. The Backend
 * contract hands over plain Java arrays per call, so nothing can stay on the device between calls.
 *
 * <p>Construction runs every kernel once on the device and compares it with
 * {@link ReferenceBackend}; a kernel that falls back to Aparapi's Java thread pool or computes a
 * different answer makes construction fail, and so does any later launch that does not run on
 * the device.
 */
public final class OpenClBackend implements Backend {
    private final OpenClDeviceInfo device;
    private final TransferStats stats = new TransferStats();
    private final DeviceLauncher launcher;

    private final GemmKernel gemm;
    private final ConvForwardKernel convForward;
    private final ConvBackwardInputKernel convBackwardInput;
    private final ConvBackwardWeightKernel convBackwardWeight;
    private final ConvBiasGradKernel convBiasGrad;
    private final MaxPoolForwardKernel maxPoolForward;
    private final MaxPoolBackwardKernel maxPoolBackward;
    private final AvgPoolForwardKernel avgPoolForward;
    private final AvgPoolBackwardKernel avgPoolBackward;
    private final UnaryKernel unary;
    private final BinaryKernel binary;
    private final SumAxisKernel sumAxis;
    private final AxpyKernel axpy;
    private final SoftmaxCrossEntropyKernel softmax;

    /** Bound to array fields a launch does not read, so no array is bound to two fields at once. */
    private static final float[] UNUSED_FLOATS = new float[1];
    private static final int[] UNUSED_INTS = new int[1];

    /** Where an aliased output is computed before it is copied over its input. */
    private float[] scratch = new float[0];

    /**
     * Compiles and self-checks every kernel on the device (PoCL takes a few seconds).
     *
     * @throws OpenClUnavailableException if any kernel falls back to Java or disagrees with the reference
     */
    public OpenClBackend(OpenClDeviceInfo device) {
        this.device = device;
        this.launcher = new DeviceLauncher(device.handle(), stats);
        gemm = launcher.adopt(new GemmKernel());
        convForward = launcher.adopt(new ConvForwardKernel());
        convBackwardInput = launcher.adopt(new ConvBackwardInputKernel());
        convBackwardWeight = launcher.adopt(new ConvBackwardWeightKernel());
        convBiasGrad = launcher.adopt(new ConvBiasGradKernel());
        maxPoolForward = launcher.adopt(new MaxPoolForwardKernel());
        maxPoolBackward = launcher.adopt(new MaxPoolBackwardKernel());
        avgPoolForward = launcher.adopt(new AvgPoolForwardKernel());
        avgPoolBackward = launcher.adopt(new AvgPoolBackwardKernel());
        unary = launcher.adopt(new UnaryKernel());
        binary = launcher.adopt(new BinaryKernel());
        sumAxis = launcher.adopt(new SumAxisKernel());
        axpy = launcher.adopt(new AxpyKernel());
        softmax = launcher.adopt(new SoftmaxCrossEntropyKernel());
        try {
            SelfCheck.verify(this, new ReferenceBackend());
        } catch (RuntimeException e) {
            throw new OpenClUnavailableException("OpenCL device " + device.name() + " failed nnrun's self-check: "
                    + e.getMessage(), e);
        }
    }

    public OpenClDeviceInfo device() { return device; }

    /** Transfer and compute time so far; take two snapshots and subtract for one step. */
    public TransferStats.Snapshot stats() { return stats.snapshot(); }

    @Override public String name() { return "opencl"; }

    @Override public String description() {
        return "OpenCL (Aparapi) on " + device.summary();
    }

    @Override
    public synchronized void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                  float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        GemmKernel g = gemm;
        g.set(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        launcher.put(g, a);
        if (b != a) launcher.put(g, b);
        boolean wholeC = cOff == 0 && ldc == n && c.length == m * n;
        if (beta != 0f || !wholeC) launcher.put(g, c);
        launcher.runTiles(g, n, m, GemmKernel.TILE, GemmKernel.GROUP);
        launcher.get(g, c);
    }

    @Override
    public synchronized void conv2dForward(ConvGeometry geo, float[] x, float[] w, float[] bias, float[] y) {
        ConvForwardKernel k = convForward;
        k.n = geo.n(); k.c = geo.c(); k.h = geo.h(); k.wd = geo.w(); k.outC = geo.outC(); k.kh = geo.kh(); k.kw = geo.kw();
        k.strideH = geo.strideH(); k.strideW = geo.strideW(); k.padH = geo.padH(); k.padW = geo.padW();
        k.dilH = geo.dilH(); k.dilW = geo.dilW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.w = w; k.y = y;
        k.hasBias = bias == null ? 0 : 1;
        k.bias = bias == null ? UNUSED_FLOATS : bias;
        launcher.put(k, x);
        launcher.put(k, w);
        if (bias != null) launcher.put(k, bias);
        if (y.length > geo.outputSize()) launcher.put(k, y);
        launcher.runTiles(k, geo.n() * geo.outH() * geo.outW(), geo.outC(), ConvForwardKernel.TILE, ConvForwardKernel.GROUP);
        launcher.get(k, y);
    }

    @Override
    public synchronized void conv2dBackwardInput(ConvGeometry geo, float[] dy, float[] w, float[] dx) {
        ConvBackwardInputKernel k = convBackwardInput;
        k.n = geo.n(); k.c = geo.c(); k.h = geo.h(); k.wd = geo.w(); k.outC = geo.outC(); k.kh = geo.kh(); k.kw = geo.kw();
        k.strideH = geo.strideH(); k.strideW = geo.strideW(); k.padH = geo.padH(); k.padW = geo.padW();
        k.dilH = geo.dilH(); k.dilW = geo.dilW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.dy = dy; k.w = w; k.dx = dx;
        launcher.put(k, dy);
        launcher.put(k, w);
        if (dx.length > geo.inputSize()) launcher.put(k, dx);
        launcher.runTiles(k, geo.n() * geo.h() * geo.w(), geo.c(), ConvBackwardInputKernel.TILE, ConvBackwardInputKernel.GROUP);
        launcher.get(k, dx);
    }

    @Override
    public synchronized void conv2dBackwardWeight(ConvGeometry geo, float[] x, float[] dy, float[] dw, float[] dbias) {
        ConvBackwardWeightKernel k = convBackwardWeight;
        k.n = geo.n(); k.c = geo.c(); k.h = geo.h(); k.wd = geo.w(); k.outC = geo.outC(); k.kh = geo.kh(); k.kw = geo.kw();
        k.strideH = geo.strideH(); k.strideW = geo.strideW(); k.padH = geo.padH(); k.padW = geo.padW();
        k.dilH = geo.dilH(); k.dilW = geo.dilW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.dy = dy; k.dw = dw;
        launcher.put(k, x);
        launcher.put(k, dy);
        if (dw.length > geo.weightSize()) launcher.put(k, dw);
        launcher.runTiles(k, geo.c() * geo.kh() * geo.kw(), geo.outC(), ConvBackwardWeightKernel.TILE, ConvBackwardWeightKernel.GROUP);
        launcher.get(k, dw);
        if (dbias == null) return;
        ConvBiasGradKernel bk = convBiasGrad;
        bk.n = geo.n(); bk.outC = geo.outC(); bk.pixels = geo.outH() * geo.outW();
        bk.dy = dy; bk.dbias = dbias;
        launcher.put(bk, dy);
        if (dbias.length > geo.outC()) launcher.put(bk, dbias);
        launcher.run(bk, geo.outC());
        launcher.get(bk, dbias);
    }

    @Override
    public synchronized void maxPool2dForward(PoolGeometry geo, float[] x, float[] y, int[] argmax) {
        MaxPoolForwardKernel k = maxPoolForward;
        k.total = geo.outputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.y = y; k.argmax = argmax;
        launcher.put(k, x);
        if (y.length > geo.outputSize()) launcher.put(k, y);
        if (argmax.length > geo.outputSize()) launcher.put(k, argmax);
        launcher.run(k, geo.outputSize());
        launcher.get(k, y);
        launcher.get(k, argmax);
    }

    @Override
    public synchronized void maxPool2dBackward(PoolGeometry geo, float[] dy, int[] argmax, float[] dx) {
        MaxPoolBackwardKernel k = maxPoolBackward;
        k.total = geo.inputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.dy = dy; k.argmax = argmax; k.dx = dx;
        launcher.put(k, dy);
        launcher.put(k, argmax);
        if (dx.length > geo.inputSize()) launcher.put(k, dx);
        launcher.run(k, geo.inputSize());
        launcher.get(k, dx);
    }

    @Override
    public synchronized void avgPool2dForward(PoolGeometry geo, float[] x, float[] y) {
        AvgPoolForwardKernel k = avgPoolForward;
        k.total = geo.outputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.x = x; k.y = y;
        launcher.put(k, x);
        if (y.length > geo.outputSize()) launcher.put(k, y);
        launcher.run(k, geo.outputSize());
        launcher.get(k, y);
    }

    @Override
    public synchronized void avgPool2dBackward(PoolGeometry geo, float[] dy, float[] dx) {
        AvgPoolBackwardKernel k = avgPoolBackward;
        k.total = geo.inputSize();
        k.h = geo.h(); k.wd = geo.w(); k.kh = geo.kh(); k.kw = geo.kw(); k.strideH = geo.strideH(); k.strideW = geo.strideW();
        k.padH = geo.padH(); k.padW = geo.padW(); k.oh = geo.outH(); k.ow = geo.outW();
        k.dy = dy; k.dx = dx;
        launcher.put(k, dy);
        if (dx.length > geo.inputSize()) launcher.put(k, dx);
        launcher.run(k, geo.inputSize());
        launcher.get(k, dx);
    }

    @Override
    public synchronized void unary(Unary op, float[] x, float[] y, int n) {
        if (n == 0) return;
        UnaryKernel k = unary;
        // An array bound to two kernel fields gets two device buffers; compute aside and copy instead.
        float[] target = y == x ? scratch(n) : y;
        k.op = opcode(op);
        k.n = n;
        k.x = x; k.y = target;
        launcher.put(k, x);
        if (target.length > n) launcher.put(k, target);
        launcher.run(k, n);
        launcher.get(k, target);
        if (target != y) System.arraycopy(target, 0, y, 0, n);
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
        BinaryKernel k = binary;
        float[] target = out == a || out == b ? scratch(n) : out;
        k.op = opcode(op);
        k.n = n;
        k.a = a; k.b = b; k.out = target;
        k.rank = outShape == null ? 0 : outShape.length;
        k.aStrides = outShape == null ? UNUSED_INTS : aStrides;
        k.bStrides = outShape == null ? UNUSED_INTS : bStrides;
        k.outShape = outShape == null ? UNUSED_INTS : outShape;
        launcher.put(k, a);
        if (b != a) launcher.put(k, b);
        if (outShape != null) {
            launcher.put(k, aStrides);
            launcher.put(k, bStrides);
            launcher.put(k, outShape);
        }
        if (target.length > n) launcher.put(k, target);
        launcher.run(k, n);
        launcher.get(k, target);
        if (target != out) System.arraycopy(target, 0, out, 0, n);
    }

    @Override
    public synchronized void sumAxis(float[] x, int outer, int len, int inner, float[] out) {
        int n = outer * inner;
        if (n == 0) return;
        SumAxisKernel k = sumAxis;
        float[] target = out == x ? scratch(n) : out;
        k.outer = outer; k.len = len; k.inner = inner;
        k.x = x; k.out = target;
        launcher.put(k, x);
        if (target.length > n) launcher.put(k, target);
        launcher.run(k, n);
        launcher.get(k, target);
        if (target != out) System.arraycopy(target, 0, out, 0, n);
    }

    @Override
    public synchronized void axpy(int n, float alpha, float[] x, float[] y) {
        if (n == 0) return;
        if (x == y) { // y + alpha·y, without binding one array to two kernel fields
            scale(n, 1f + alpha, y);
            return;
        }
        AxpyKernel k = axpy;
        k.n = n; k.alpha = alpha; k.scaleOnly = 0;
        k.x = x; k.y = y;
        launcher.put(k, x);
        launcher.put(k, y);
        launcher.run(k, n);
        launcher.get(k, y);
    }

    @Override
    public synchronized void scale(int n, float alpha, float[] x) {
        if (n == 0) return;
        AxpyKernel k = axpy;
        k.n = n; k.alpha = alpha; k.scaleOnly = 1;
        k.x = UNUSED_FLOATS; k.y = x;
        launcher.put(k, x);
        launcher.run(k, n);
        launcher.get(k, x);
    }

    @Override
    public synchronized double softmaxCrossEntropy(float[] logits, int[] labels, int rows, int classes, float[] probs) {
        if (rows == 0) return 0;
        int n = rows * classes;
        SoftmaxCrossEntropyKernel k = softmax;
        float[] target = probs == logits ? scratch(n) : probs;
        float[] rowLoss = new float[rows];
        k.rows = rows; k.classes = classes;
        k.logits = logits; k.labels = labels; k.probs = target; k.rowLoss = rowLoss;
        launcher.put(k, logits);
        launcher.put(k, labels);
        if (target.length > n) launcher.put(k, target);
        launcher.run(k, rows);
        launcher.get(k, target);
        launcher.get(k, rowLoss);
        if (target != probs) System.arraycopy(target, 0, probs, 0, n);
        double loss = 0;
        for (float l : rowLoss) loss += l;
        return loss;
    }

    private float[] scratch(int n) {
        if (scratch.length < n) scratch = new float[n];
        return scratch;
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
