package nnrun.backend.opencl;

import nnrun.backend.Backend;
import nnrun.backend.Binary;
import nnrun.backend.ConvGeometry;
import nnrun.backend.DeviceTime;
import nnrun.backend.PoolGeometry;
import nnrun.backend.ReferenceBackend;
import nnrun.backend.Relation;
import nnrun.backend.SelfCheck;
import nnrun.backend.SgdRule;
import nnrun.backend.Unary;

/**
 * Every {@link Backend} kernel on one OpenCL device, with buffers that stay on the device.
 *
 * <p>The kernels are Java classes translated to OpenCL C by Aparapi ({@link TranslatedKernel}).
 * {@link DeviceMemory} gives each array a device buffer outside the Java heap: a kernel's inputs
 * are uploaded only when the host has newer values, and its outputs stay on the device until the
 * host asks for them ({@link #toHost} to read, {@link #hostWrites} to write), which tensors do
 * when user code touches their values. In a training
 * step the batch goes in, the weights, activations, gradients and momentum stay on the device, and
 * the loss comes out with the error count ({@code DeviceResidentStepTest} counts the copies).
 *
 * <p>Construction runs every kernel once on the device and compares it with
 * {@link ReferenceBackend}; a kernel that Aparapi cannot translate, the device cannot compile, or
 * that computes a different answer makes construction fail.
 */
public final class OpenClBackend implements Backend, AutoCloseable {
    private final OpenClDeviceInfo device;
    private final OpenClContext cl;
    private final DeviceMemory memory;
    /** Released arrays with their device buffers; one the cache drops frees its buffer at once. */
    private final nnrun.backend.ArrayCache arrays;

    private final TranslatedKernel<GemmKernel> gemm;
    private final TranslatedKernel<ConvForwardKernel> convForward;
    private final TranslatedKernel<ConvBackwardInputKernel> convBackwardInput;
    private final TranslatedKernel<ConvBackwardWeightKernel> convBackwardWeight;
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
    private final TranslatedKernel<AdamKernel> adam;
    private final TranslatedKernel<RmsPropKernel> rmsProp;
    private final TranslatedKernel<SquareSumPartsKernel> squareSumParts;
    private final TranslatedKernel<ClipCoefficientKernel> clipCoefficient;
    private final TranslatedKernel<ScaleByKernel> scaleBy;
    private final TranslatedKernel<LeakyReluKernel> leakyRelu;
    private final TranslatedKernel<SoftmaxKernel> softmaxLanes;
    private final TranslatedKernel<MisclassifiedKernel> misclassified;
    private final TranslatedKernel<DropoutMaskKernel> dropoutMask;
    private final TranslatedKernel<ChannelPartsKernel> channelParts;
    private final TranslatedKernel<BatchNormKernel> batchNorm;
    private final TranslatedKernel<StridedCopyKernel> stridedCopy;
    private final TranslatedKernel<GatherSumKernel> gatherSum;
    private final TranslatedKernel<WhereKernel> where;
    private final TranslatedKernel<ExtremeKernel> extreme;
    private final TranslatedKernel<AlongPositionsKernel> alongPositions;
    private final TranslatedKernel<LogisticLossKernel> logisticLoss;
    private final TranslatedKernel<PowSlopeKernel> powSlope;

    /** Partial sums of squares per gradient in clipping: enough work-items to fill a device. */
    private static final int SQUARE_SUM_PARTS = 64;

    /**
     * The error count the last softmaxCrossEntropy brought back with its loss, and what it was
     * computed from: {@link #misclassified} on the same logits (unchanged since) and equal labels costs no copy.
     */
    private float[] countedLogits;
    private int[] countedLabels;
    private long countedStamp;
    private long countedErrors;

    /**
     * Work-groups per compute unit that a channel sum aims at: its partial sums are then few
     * enough for one item per channel to add them up.
     */
    private static final int CHANNEL_SUM_GROUPS_PER_UNIT = 8;
    /** The fewest elements each item of a channel-sum work-group adds before the group combines them. */
    private static final int MIN_ITEM_ELEMENTS = 16;
    /** Work-groups per compute unit that a reduction split aims at, so a GPU's units all have work. */
    private static final int WORK_GROUPS_PER_UNIT = 4;
    /** The fewest pixels a split-K slice of the conv weight gradient covers (64 steps of its DEPTH). */
    private static final int MIN_SLICE_PIXELS = 1024;

    private static final float[] UNUSED_FLOATS = TranslatedKernel.UNUSED_FLOATS;
    private static final int[] UNUSED_INTS = TranslatedKernel.UNUSED_INTS;

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
        this.arrays = new nnrun.backend.ArrayCache(nnrun.backend.ArrayCache.defaultLimit(), memory::free);
        memory.onPressure(arrays::clear);
        try {
            gemm = translate(new GemmKernel());
            convForward = translate(new ConvForwardKernel());
            convBackwardInput = translate(new ConvBackwardInputKernel());
            convBackwardWeight = translate(new ConvBackwardWeightKernel());
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
            adam = translate(new AdamKernel());
            rmsProp = translate(new RmsPropKernel());
            squareSumParts = translate(new SquareSumPartsKernel());
            clipCoefficient = translate(new ClipCoefficientKernel());
            scaleBy = translate(new ScaleByKernel());
            leakyRelu = translate(new LeakyReluKernel());
            softmaxLanes = translate(new SoftmaxKernel());
            misclassified = translate(new MisclassifiedKernel());
            dropoutMask = translate(new DropoutMaskKernel());
            channelParts = translate(new ChannelPartsKernel());
            batchNorm = translate(new BatchNormKernel());
            stridedCopy = translate(new StridedCopyKernel());
            gatherSum = translate(new GatherSumKernel());
            where = translate(new WhereKernel());
            extreme = translate(new ExtremeKernel());
            alongPositions = translate(new AlongPositionsKernel());
            logisticLoss = translate(new LogisticLossKernel());
            powSlope = translate(new PowSlopeKernel());
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

    @Override public synchronized float[] allocate(int n) { return arrays.floats(n); }

    @Override public synchronized int[] allocateIndices(int n) { return arrays.ints(n); }

    @Override public synchronized void release(float[] array) {
        memory.discardValues(array);
        arrays.release(array);
    }

    @Override public synchronized void release(int[] array) {
        memory.discardValues(array);
        arrays.release(array);
    }

    /** Device memory this backend holds now: buffers of live and cached arrays, and the pool. */
    public synchronized long deviceBytes() { return memory.heldBytes(); }

    @Override public synchronized void toHost(float[] buffer) { memory.toHost(buffer); }

    @Override public synchronized void toHost(int[] buffer) { memory.toHost(buffer); }

    @Override public synchronized void hostWrites(float[] buffer) { memory.hostWrites(buffer); }

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
        int kSize = geo.c() * geo.kh() * geo.kw(), size = geo.outC() * kSize;
        int pixels = geo.n() * geo.outH() * geo.outW();
        int tiles = ceilDiv(kSize, ConvBackwardWeightKernel.TILE) * ceilDiv(geo.outC(), ConvBackwardWeightKernel.TILE);
        int sliceLength = weightGradientSliceLength(pixels, tiles), slices = Math.max(1, ceilDiv(pixels, sliceLength));
        float[] parts = slices == 1 ? dw : allocate(slices * size);
        k.x = x; k.dy = dy; k.dw = parts; k.sliceLength = sliceLength;
        int ocRows = ceilDiv(geo.outC(), ConvBackwardWeightKernel.TILE) * ConvBackwardWeightKernel.TILE * slices;
        convBackwardWeight.runTiles(kSize, ocRows, ConvBackwardWeightKernel.TILE, ConvBackwardWeightKernel.GROUP,
                parts.length == slices * size ? parts : UNUSED_FLOATS);
        if (slices > 1) {
            combineParts(ChannelPartsKernel.SUM, parts, UNUSED_FLOATS, size, slices, 1, 0f, dw, UNUSED_FLOATS);
            release(parts);
        }
        if (dbias == null) return;
        // dbias[oc] = Σ dy over images and pixels: the channel sums batch norm uses, in parallel parts.
        int channels = geo.outC(), spatial = geo.outH() * geo.outW(), sumParts = channelSumParts(geo.n() * spatial, channels);
        float[] partial = allocate(sumParts * channels);
        launchChannelSums(dy, UNUSED_FLOATS, UNUSED_FLOATS, geo.n(), channels, spatial, sumParts, partial, UNUSED_FLOATS);
        combineParts(ChannelPartsKernel.SUM, partial, UNUSED_FLOATS, channels, sumParts, 1, 0f, dbias, UNUSED_FLOATS);
        release(partial);
    }

    /**
     * Pixels per split-K slice of the weight gradient: a whole number of the kernel's DEPTH steps,
     * at least {@value #MIN_SLICE_PIXELS} where there are that many, and few enough slices for
     * {@value #WORK_GROUPS_PER_UNIT} work-groups per compute unit over the layer's tiles.
     */
    private int weightGradientSliceLength(int pixels, int tiles) {
        int slices = Math.max(1, Math.min(ceilDiv(WORK_GROUPS_PER_UNIT * device.computeUnits(), tiles), pixels / MIN_SLICE_PIXELS));
        int depth = ConvBackwardWeightKernel.DEPTH;
        return Math.max(depth, ceilDiv(ceilDiv(pixels, slices), depth) * depth);
    }

    /**
     * Parts of a per-channel sum of perChannel elements: enough for
     * {@value #CHANNEL_SUM_GROUPS_PER_UNIT} work-groups per compute unit over all channels where
     * each item still gets {@value #MIN_ITEM_ELEMENTS} elements or more. Rounding up the part length
     * can leave the last part past the end; it adds up nothing and writes 0.
     */
    private int channelSumParts(int perChannel, int channels) {
        int wanted = ceilDiv(CHANNEL_SUM_GROUPS_PER_UNIT * device.computeUnits(), Math.max(channels, 1));
        int most = ceilDiv(perChannel, ChannelSumsKernel.GROUP * MIN_ITEM_ELEMENTS);
        return Math.max(1, Math.min(wanted, most));
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

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
        launchBinary(opcode(op), a, null, b, null, out, n, null);
    }

    @Override
    public synchronized void binaryStrided(Binary op, float[] a, int[] aStrides, float[] b, int[] bStrides,
                                           float[] out, int[] outShape) {
        int total = 1;
        for (int d : outShape) total *= d;
        if (total == 0) return;
        if (outShape.length == 0) { // a scalar: one element, no strides to walk
            launchBinary(opcode(op), a, null, b, null, out, 1, null);
            return;
        }
        launchBinary(opcode(op), a, aStrides, b, bStrides, out, total, outShape);
    }

    /** One launch of the binary kernel with an opcode (an arithmetic op or a {@link Relation}). */
    private void launchBinary(int opcode, float[] a, int[] aStrides, float[] b, int[] bStrides,
                              float[] out, int n, int[] outShape) {
        BinaryKernel k = binary.fields;
        k.op = opcode;
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
            float[] sums = allocate(n);
            sumAxis(x, outer, len, inner, sums);
            fillRows(sums, out, 1, n);
            release(sums);
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
        if (n * spatial == 0 || channels == 0) return;
        int parts = channelSumParts(n * spatial, channels);
        float[] partSum = allocate(parts * channels), partDot = times == null ? UNUSED_FLOATS : allocate(parts * channels);
        launchChannelSums(x, times == null ? UNUSED_FLOATS : times, UNUSED_FLOATS, n, channels, spatial, parts, partSum, partDot);
        memory.readout(partSum);
        if (times != null) memory.readout(partDot);
        for (int i = 0; i < parts * channels; i++) {
            sum[i % channels] += partSum[i];
            if (times != null) dot[i % channels] += partDot[i];
        }
        release(partSum);
        if (times != null) release(partDot);
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
        return smoothedCrossEntropy(logits, labels, rows, classes, 0f, probs);
    }

    @Override
    public synchronized double smoothedCrossEntropy(float[] logits, int[] labels, int rows, int classes, float smoothing,
                                                    float[] probs) {
        if (rows == 0) return 0;
        int n = rows * classes;
        SoftmaxCrossEntropyKernel k = softmax.fields;
        float[] rowLoss = allocate(2 * rows);
        k.rows = rows; k.classes = classes; k.smoothing = smoothing;
        k.logits = logits; k.labels = labels; k.probs = probs; k.rowLoss = rowLoss;
        softmax.run(rows, probs.length == n ? probs : UNUSED_FLOATS, rowLoss);
        memory.readout(rowLoss); // the loss is what a step sends back, and the error count with it
        double loss = 0;
        long wrong = 0;
        for (int r = 0; r < rows; r++) {
            loss += rowLoss[r];
            if (rowLoss[rows + r] != 0f) wrong++;
        }
        release(rowLoss);
        countedLogits = logits;
        countedLabels = labels;
        countedStamp = memory.stamp(logits);
        countedErrors = wrong;
        return loss;
    }

    @Override
    public synchronized void softmaxCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float scale, float[] d) {
        smoothedCrossEntropyBackward(probs, labels, rows, classes, 0f, scale, d);
    }

    @Override
    public synchronized void smoothedCrossEntropyBackward(float[] probs, int[] labels, int rows, int classes, float smoothing,
                                                          float scale, float[] d) {
        int total = rows * classes;
        if (total == 0) return;
        SoftmaxCrossEntropyBackwardKernel k = softmaxBackward.fields;
        k.total = total; k.classes = classes; k.scale = scale; k.smoothing = smoothing;
        k.probs = probs; k.labels = labels; k.d = d;
        softmaxBackward.run(total, d.length == total ? d : UNUSED_FLOATS);
    }

    @Override
    public synchronized void adamUpdate(nnrun.backend.AdamRule rule, float[] w, float[] g, float[] m, float[] v, int n) {
        if (n == 0) return;
        AdamKernel k = adam.fields;
        k.n = n; k.decoupled = rule.decoupled() ? 1 : 0;
        k.stepSize = rule.stepSize(); k.beta1 = rule.beta1(); k.beta2 = rule.beta2(); k.eps = rule.eps();
        k.correction2Sqrt = rule.correction2Sqrt(); k.weightDecay = rule.weightDecay(); k.shrink = rule.shrink();
        k.w = w; k.g = g; k.m = m; k.v = v;
        adam.run(n);
    }

    @Override
    public synchronized void rmsPropUpdate(nnrun.backend.RmsPropRule rule, float[] w, float[] g, float[] v, float[] a, float[] b, int n) {
        if (n == 0) return;
        RmsPropKernel k = rmsProp.fields;
        k.n = n; k.centered = rule.centered() ? 1 : 0; k.hasMomentum = rule.usesMomentum() ? 1 : 0;
        k.lr = rule.lr(); k.alpha = rule.alpha(); k.eps = rule.eps(); k.weightDecay = rule.weightDecay(); k.momentum = rule.momentum();
        k.w = w; k.g = g; k.v = v;
        k.a = a == null ? UNUSED_FLOATS : a;
        k.b = b == null ? UNUSED_FLOATS : b;
        rmsProp.run(n);
    }

    /** Partial sums of squares per gradient, one work-item adds them into the factor, and each gradient is scaled by it. */
    @Override
    public synchronized void clipByGlobalNorm(java.util.List<float[]> grads, float maxNorm) {
        if (grads.isEmpty()) return;
        float[] parts = allocate(SQUARE_SUM_PARTS * grads.size()), coef = allocate(1);
        SquareSumPartsKernel sq = squareSumParts.fields;
        for (int i = 0; i < grads.size(); i++) {
            sq.x = grads.get(i); sq.n = grads.get(i).length; sq.count = SQUARE_SUM_PARTS; sq.offset = i * SQUARE_SUM_PARTS;
            sq.parts = parts;
            squareSumParts.run(SQUARE_SUM_PARTS, parts);
        }
        ClipCoefficientKernel c = clipCoefficient.fields;
        c.parts = parts; c.count = parts.length; c.maxNorm = maxNorm; c.coef = coef;
        clipCoefficient.run(1, coef);
        ScaleByKernel s = scaleBy.fields;
        s.factor = coef;
        for (float[] g : grads) {
            if (g.length == 0) continue;
            s.x = g; s.n = g.length;
            scaleBy.run(g.length);
        }
        release(parts);
        release(coef);
    }

    @Override
    public synchronized void leakyRelu(float slope, float[] x, float[] y, int n) {
        launchLeakyRelu(slope, x, UNUSED_FLOATS, y, n, 0);
    }

    @Override
    public synchronized void leakyReluBackward(float slope, float[] x, float[] g, float[] dx, int n) {
        launchLeakyRelu(slope, x, g, dx, n, 1);
    }

    private void launchLeakyRelu(float slope, float[] x, float[] g, float[] out, int n, int backward) {
        if (n == 0) return;
        LeakyReluKernel k = leakyRelu.fields;
        k.n = n; k.slope = slope; k.backward = backward;
        k.x = x; k.g = g; k.out = out;
        leakyRelu.run(n, out.length == n ? out : UNUSED_FLOATS);
    }

    @Override
    public synchronized void softmax(float[] x, int outer, int len, int inner, float[] y) {
        launchSoftmax(x, UNUSED_FLOATS, outer, len, inner, y, 0, 0);
    }

    @Override
    public synchronized void softmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx) {
        launchSoftmax(y, g, outer, len, inner, dx, 1, 0);
    }

    @Override
    public synchronized void logSoftmax(float[] x, int outer, int len, int inner, float[] y) {
        launchSoftmax(x, UNUSED_FLOATS, outer, len, inner, y, 0, 1);
    }

    @Override
    public synchronized void logSoftmaxBackward(float[] y, float[] g, int outer, int len, int inner, float[] dx) {
        launchSoftmax(y, g, outer, len, inner, dx, 1, 1);
    }

    private void launchSoftmax(float[] x, float[] g, int outer, int len, int inner, float[] out, int backward, int logSpace) {
        int lanes = outer * inner, n = lanes * len;
        if (n == 0) return;
        SoftmaxKernel k = softmaxLanes.fields;
        k.outer = outer; k.len = len; k.inner = inner; k.backward = backward; k.logSpace = logSpace;
        k.x = x; k.g = g; k.out = out;
        softmaxLanes.run(lanes, out.length == n ? out : UNUSED_FLOATS);
    }

    @Override
    public synchronized long misclassified(float[] out, int[] labels, int rows, int cols) {
        if (rows == 0) return 0;
        if (out == countedLogits && memory.stamp(out) == countedStamp && out.length == rows * cols
                && java.util.Arrays.equals(labels, countedLabels)) // the loss kept its own copy of the labels
            return countedErrors; // came back with the loss
        MisclassifiedKernel k = misclassified.fields;
        float[] wrong = allocate(rows);
        k.rows = rows; k.cols = cols; k.out = out; k.labels = labels; k.wrong = wrong;
        misclassified.run(rows, wrong);
        memory.readout(wrong);
        long count = 0;
        for (float w : wrong) if (w != 0f) count++;
        release(wrong);
        return count;
    }

    @Override
    public synchronized void dropoutMask(long seed, float keep, float[] mask, int n) {
        if (n == 0) return;
        DropoutMaskKernel k = dropoutMask.fields;
        k.n = n; k.seedLo = (int) seed; k.seedHi = (int) (seed >>> 32); k.keep = keep; k.scale = 1f / keep;
        k.mask = mask;
        dropoutMask.run(n, mask.length == n ? mask : UNUSED_FLOATS);
    }

    /** Mean, variance and the normalization all on the device: the per-channel numbers never cross. */
    @Override
    public synchronized void batchNormForward(float[] x, float[] gamma, float[] beta, int n, int channels, int spatial, float eps,
                                              float[] xhat, float[] invStd, float[] mean, float[] var, float[] y) {
        int total = n * channels * spatial, parts = channelSumParts(n * spatial, channels);
        if (total == 0) return;
        float[] partial = allocate(parts * channels);
        launchChannelSums(x, UNUSED_FLOATS, UNUSED_FLOATS, n, channels, spatial, parts, partial, UNUSED_FLOATS);
        combineParts(ChannelPartsKernel.MEAN, partial, UNUSED_FLOATS, channels, parts, n * spatial, 0f, mean, UNUSED_FLOATS);
        // Two passes (center, then square) rather than E[x²] − mean², which cancels badly.
        float[] partialSq = allocate(parts * channels);
        launchChannelSums(x, UNUSED_FLOATS, mean, n, channels, spatial, parts, UNUSED_FLOATS, partialSq);
        combineParts(ChannelPartsKernel.VARIANCE, partialSq, UNUSED_FLOATS, channels, parts, n * spatial, eps, var, invStd);
        BatchNormKernel k = batchNorm.fields;
        k.total = total; k.channels = channels; k.spatial = spatial; k.backward = 0; k.m = n * spatial;
        k.x = x; k.mean = mean; k.invStd = invStd; k.gamma = gamma; k.beta = beta; k.xhat = xhat; k.y = y;
        k.g = UNUSED_FLOATS; k.dGamma = UNUSED_FLOATS; k.dBeta = UNUSED_FLOATS; k.dx = UNUSED_FLOATS;
        batchNorm.run(total, xhat.length == total ? xhat : UNUSED_FLOATS, y.length == total ? y : UNUSED_FLOATS);
        release(partial);
        release(partialSq);
    }

    @Override
    public synchronized void batchNormBackward(float[] g, float[] xhat, float[] gamma, float[] invStd, int n, int channels, int spatial,
                                               float[] dx, float[] dGamma, float[] dBeta) {
        int total = n * channels * spatial, parts = channelSumParts(n * spatial, channels);
        if (total == 0) return;
        float[] partSum = allocate(parts * channels), partDot = allocate(parts * channels);
        launchChannelSums(g, xhat, UNUSED_FLOATS, n, channels, spatial, parts, partSum, partDot);
        combineParts(ChannelPartsKernel.SUMS, partSum, partDot, channels, parts, 1, 0f, dBeta, dGamma);
        BatchNormKernel k = batchNorm.fields;
        k.total = total; k.channels = channels; k.spatial = spatial; k.backward = 1; k.m = n * spatial;
        k.g = g; k.xhat = xhat; k.gamma = gamma; k.invStd = invStd; k.dGamma = dGamma; k.dBeta = dBeta; k.dx = dx;
        k.x = UNUSED_FLOATS; k.mean = UNUSED_FLOATS; k.beta = UNUSED_FLOATS; k.y = UNUSED_FLOATS;
        batchNorm.run(total, dx.length == total ? dx : UNUSED_FLOATS);
        release(partSum);
        release(partDot);
    }

    /**
     * Partial sums per (part, channel) of x into partSum, and into partDot Σ x·times (times given) or
     * Σ (x − center)² (center given, partSum then unused): placeholders mark what is not wanted.
     */
    private void launchChannelSums(float[] x, float[] times, float[] center, int n, int channels, int spatial, int parts,
                                   float[] partSum, float[] partDot) {
        ChannelSumsKernel k = channelSums.fields;
        k.n = n; k.channels = channels; k.spatial = spatial; k.partLength = ceilDiv(n * spatial, parts);
        k.hasTimes = times == UNUSED_FLOATS ? 0 : 1;
        k.centered = center == UNUSED_FLOATS ? 0 : 1;
        k.x = x; k.times = times; k.center = center; k.partSum = partSum; k.partDot = partDot;
        channelSums.runGroups(parts * channels, ChannelSumsKernel.GROUP, partSum, partDot);
    }

    private void combineParts(int mode, float[] partA, float[] partB, int channels, int parts, int count, float eps,
                              float[] first, float[] second) {
        ChannelPartsKernel k = channelParts.fields;
        k.mode = mode; k.channels = channels; k.parts = parts; k.count = count; k.eps = eps;
        k.partA = partA; k.partB = partB; k.first = first; k.second = second;
        channelParts.run(channels, first.length == channels ? first : UNUSED_FLOATS,
                second.length == channels ? second : UNUSED_FLOATS);
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
            case SIGN -> UnaryKernel.SIGN;
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

    @Override
    public synchronized void copyStrided(float[] x, int xOffset, int[] xStrides, float[] out, int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        if (n == 0) return;
        launchCopy(x, xOffset, xStrides, out, 0, contiguousStrides(shape), shape, out.length == n);
    }

    /** One strided copy per part into its window of out; together they write all of it, so none uploads out. */
    @Override
    public synchronized void concat(java.util.List<float[]> parts, int[] lens, int outer, int inner, float[] out) {
        int total = 0;
        for (int len : lens) total += len;
        boolean whole = out.length == outer * total * inner;
        for (int p = 0, offset = 0; p < parts.size(); offset += lens[p], p++) {
            if (outer * lens[p] * inner == 0) continue;
            launchCopy(parts.get(p), 0, new int[] {lens[p] * inner, inner, 1}, out, offset * inner,
                    new int[] {total * inner, inner, 1}, new int[] {outer, lens[p], inner}, whole);
        }
    }

    private void launchCopy(float[] x, int xOffset, int[] xStrides, float[] out, int outOffset, int[] outStrides, int[] shape,
                            boolean overwritesOut) {
        int n = 1;
        for (int d : shape) n *= d;
        StridedCopyKernel k = stridedCopy.fields;
        k.n = n; k.rank = shape.length; k.xOffset = xOffset; k.outOffset = outOffset;
        k.x = x; k.out = out;
        boolean scalar = shape.length == 0; // one element, no strides to walk
        k.xStrides = scalar ? UNUSED_INTS : xStrides;
        k.outStrides = scalar ? UNUSED_INTS : outStrides;
        k.shape = scalar ? UNUSED_INTS : shape;
        stridedCopy.run(n, overwritesOut ? out : UNUSED_FLOATS);
    }

    private static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        for (int d = shape.length - 1, acc = 1; d >= 0; acc *= shape[d], d--) s[d] = acc;
        return s;
    }

    @Override
    public synchronized void gatherSum(float[] x, int outer, int len, int inner, int[] starts, int[] sources, int n, float[] out) {
        int total = outer * n * inner;
        if (total == 0) return;
        GatherSumKernel k = gatherSum.fields;
        k.outer = outer; k.len = len; k.inner = inner; k.n = n; k.summed = starts == null ? 0 : 1;
        k.x = x; k.starts = starts == null ? UNUSED_INTS : starts; k.sources = sources.length == 0 ? UNUSED_INTS : sources;
        k.out = out;
        gatherSum.run(total, out.length == total ? out : UNUSED_FLOATS);
    }

    @Override
    public synchronized void compare(Relation relation, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out,
                                     int[] outShape) {
        int n = 1;
        for (int d : outShape) n *= d;
        if (n == 0) return;
        if (outShape.length == 0) launchBinary(opcode(relation), a, null, b, null, out, 1, null);
        else launchBinary(opcode(relation), a, aStrides, b, bStrides, out, n, outShape);
    }

    @Override
    public synchronized void where(float[] w, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outShape) {
        int n = 1;
        for (int d : outShape) n *= d;
        if (n == 0) return;
        WhereKernel k = where.fields;
        k.n = n; k.rank = outShape.length;
        k.w = w; k.a = a; k.b = b; k.out = out;
        k.aStrides = outShape.length == 0 ? UNUSED_INTS : aStrides;
        k.bStrides = outShape.length == 0 ? UNUSED_INTS : bStrides;
        k.outShape = outShape.length == 0 ? UNUSED_INTS : outShape;
        where.run(n, out.length == n ? out : UNUSED_FLOATS);
    }

    @Override
    public synchronized void extremeAlong(boolean smallest, float[] x, int outer, int len, int inner, float[] values,
                                          int[] positions) {
        int lanes = outer * inner;
        if (lanes == 0) return;
        ExtremeKernel k = extreme.fields;
        k.outer = outer; k.len = len; k.inner = inner; k.smallest = smallest ? 1 : 0;
        k.x = x; k.values = values; k.positions = positions;
        extreme.run(lanes, values.length == lanes ? values : UNUSED_FLOATS, positions.length == lanes ? positions : UNUSED_INTS);
    }

    @Override
    public synchronized void takeAlong(float[] x, int[] positions, int outer, int len, int inner, float[] out) {
        launchAlongPositions(x, positions, outer, len, inner, out, 0);
    }

    @Override
    public synchronized void placeAlong(float[] g, int[] positions, int outer, int len, int inner, float[] dx) {
        launchAlongPositions(g, positions, outer, len, inner, dx, 1);
    }

    private void launchAlongPositions(float[] x, int[] positions, int outer, int len, int inner, float[] out, int place) {
        int items = place == 1 ? outer * len * inner : outer * inner;
        if (items == 0) return;
        AlongPositionsKernel k = alongPositions.fields;
        k.outer = outer; k.len = len; k.inner = inner; k.place = place;
        k.x = x; k.positions = positions; k.out = out;
        alongPositions.run(items, out.length == items ? out : UNUSED_FLOATS);
    }

    /** The terms on the device, and only those (n floats) come back, summed in double here as the reference sums. */
    @Override
    public synchronized double logisticLoss(float[] z, float[] y, int n) {
        if (n == 0) return 0;
        float[] terms = allocate(n);
        launchLogisticLoss(z, y, n, 1f, terms, 0);
        memory.readout(terms);
        double total = 0;
        for (int k = 0; k < n; k++) total += terms[k];
        release(terms);
        return total;
    }

    @Override
    public synchronized void logisticLossBackward(float[] z, float[] y, int n, float scale, float[] d) {
        if (n == 0) return;
        launchLogisticLoss(z, y, n, scale, d, 1);
    }

    private void launchLogisticLoss(float[] z, float[] y, int n, float scale, float[] out, int backward) {
        LogisticLossKernel k = logisticLoss.fields;
        k.n = n; k.scale = scale; k.backward = backward;
        k.z = z; k.y = y; k.out = out;
        logisticLoss.run(n, out.length == n ? out : UNUSED_FLOATS);
    }

    @Override
    public synchronized void powBackward(float p, float[] x, float[] g, float[] dx, int n) {
        launchPowSlope(x, g, p, dx, n, 0);
    }

    @Override
    public synchronized void powExponentSlope(float[] a, float[] y, float[] out, int n) {
        launchPowSlope(a, y, 0f, out, n, 1);
    }

    private void launchPowSlope(float[] x, float[] g, float p, float[] out, int n, int exponentSlope) {
        if (n == 0) return;
        PowSlopeKernel k = powSlope.fields;
        k.n = n; k.p = p; k.exponentSlope = exponentSlope;
        k.x = x; k.g = g; k.out = out;
        powSlope.run(n, out.length == n ? out : UNUSED_FLOATS);
    }

    static int opcode(Relation relation) {
        return switch (relation) {
            case GREATER -> BinaryKernel.GREATER;
            case LESS -> BinaryKernel.LESS;
            case NOT_EQUAL -> BinaryKernel.NOT_EQUAL;
            case PREFERS_LARGER -> BinaryKernel.PREFERS_LARGER;
            case PREFERS_SMALLER -> BinaryKernel.PREFERS_SMALLER;
        };
    }
}
