package nnrun.autodiff;

import java.util.Arrays;

import nnrun.backend.Backends;
import nnrun.backend.Storage;
import nnrun.ops.*;

/**
 * An n-dimensional float32 array, row-major and contiguous in a flat {@link Storage}, that can
 * take part in automatic differentiation. Ops on tensors that require gradients record a node
 * ({@link #gradFn()}); {@link #backward()} runs their vector-Jacobian products in reverse and
 * leaves in every leaf's {@link #grad()} a tensor of the leaf's own shape.
 *
 * <p>{@link #reshape} shares the storage; every other op returns a new tensor. In-place changes
 * ({@code *InPlace}, {@link #mutableData()}) bump the storage's version counter so that a tensor
 * saved for backward cannot be changed unnoticed.
 */
public final class Tensor {
    private final Storage storage;
    private final int[] shape;
    boolean requiresGrad;
    Tensor grad;
    Node gradFn;
    /** Forward-mode tangent (dual part), set by {@link Autograd#record} when inputs carry one. */
    Tensor tangent;
    private AccumulateGrad sink;
    private String label;
    /** Set by {@link #ofUnshared}: no other tensor or caller holds this buffer. */
    private boolean unshared;

    private Tensor(Storage storage, int[] shape) {
        if (storage.length() != Shapes.numel(shape))
            throw new ShapeException("tensor: " + storage.length() + " values do not fill shape " + Shapes.str(shape));
        this.storage = storage;
        this.shape = shape.clone();
    }

    /** Wraps a buffer without copying; the tensor owns it from now on. */
    public static Tensor of(float[] data, int... shape) { return new Tensor(new Storage(data), shape); }

    /**
     * Wraps a buffer an op has just allocated and keeps no other reference to (a VJP's weight
     * gradient): a leaf's gradient sink may then adopt it instead of copying it, as PyTorch steals
     * an unshared gradient. Saves a copy and an allocation of every parameter's size per step.
     */
    public static Tensor ofUnshared(float[] data, int... shape) {
        Tensor t = of(data, shape);
        t.unshared = true;
        return t;
    }

    /** True once for a tensor made by {@link #ofUnshared}: the first sink to ask takes it. */
    boolean takeUnshared() {
        boolean was = unshared && gradFn == null && !requiresGrad;
        unshared = false;
        return was;
    }

    /** A 1-D tensor holding a copy of the values. */
    public static Tensor vector(float... values) { return of(values.clone(), values.length); }

    public static Tensor scalar(float value) { return of(new float[] {value}); }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor matrix(float[][] rows) {
        int m = rows.length, n = m == 0 ? 0 : rows[0].length;
        float[] d = new float[m * n];
        for (int i = 0; i < m; i++) {
            if (rows[i].length != n)
                throw new ShapeException("matrix: row " + i + " has " + rows[i].length + " values, row 0 has " + n);
            System.arraycopy(rows[i], 0, d, i * n, n);
        }
        return of(d, m, n);
    }

    public static Tensor zeros(int... shape) { return of(new float[Shapes.numel(shape)], shape); }

    public static Tensor ones(int... shape) { return full(1f, shape); }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.numel(shape)];
        Arrays.fill(d, value);
        return of(d, shape);
    }

    /** 0, 1, ..., n-1 as a 1-D tensor. */
    public static Tensor arange(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return of(d, n);
    }

    /** Standard normal values from a seeded generator: same seed, same numbers everywhere. */
    public static Tensor randn(Generator g, int... shape) {
        float[] d = new float[Shapes.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (float) g.nextGaussian();
        return of(d, shape);
    }

    /** Uniform values in [low, high) from a seeded generator. */
    public static Tensor rand(Generator g, float low, float high, int... shape) {
        float[] d = new float[Shapes.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = low + (high - low) * g.nextFloat();
        return of(d, shape);
    }

    // ---------------------------------------------------------------- properties

    /**
     * The values on the host, to read. A backend that keeps buffers on a device copies newer values
     * back first and keeps its own copy, so reading costs the next kernel nothing. Do not write into
     * this array: use {@link #mutableData()}.
     */
    public float[] data() { return storage.read(); }

    /**
     * The values on the host, to change in place: from now on the host's are the newer ones (a device
     * backend uploads them before the next kernel reads them), and the version moves on, as for any
     * in-place change.
     */
    public float[] mutableData() { return storage.write(); }

    /**
     * The backing buffer as kernels see it: for passing to {@link nnrun.backend.Backend} kernels
     * only. On a device backend its host values may be stale; read values through {@link #data()}.
     */
    public float[] buffer() { return storage.buffer(); }

    public int[] shape() { return shape.clone(); }

    public int dim(int axis) { return shape[Shapes.axis("dim", axis, shape.length)]; }

    public int rank() { return shape.length; }

    public int numel() { return storage.length(); }

    public float item() {
        if (numel() != 1)
            throw new ShapeException("item: tensor of shape " + Shapes.str(shape) + " has " + numel() + " values, not 1");
        return data()[0];
    }

    public float get(int... index) {
        if (index.length != shape.length)
            throw new ShapeException("get: " + index.length + " indices for a tensor of rank " + shape.length);
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d])
                throw new IndexOutOfBoundsException("get: index " + index[d] + " out of range for dimension " + d
                        + " of size " + shape[d]);
            flat = flat * shape[d] + index[d];
        }
        return data()[flat];
    }

    public float[] toArray() { return data().clone(); }

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf as a variable whose gradient backward() should compute. Returns this. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value)
            throw new IllegalStateException("requiresGrad(false) on a non-leaf (grad_fn=<" + gradFn.name()
                    + ">); use detach() instead");
        this.requiresGrad = value;
        return this;
    }

    public Tensor grad() { return grad; }

    public void zeroGrad() { grad = null; }

    public Node gradFn() { return gradFn; }

    public boolean isLeaf() { return gradFn == null; }

    /** Forward-mode tangent carried by this tensor, or null. */
    public Tensor tangent() { return tangent; }

    /** Attaches a forward-mode tangent (the direction v of a JVP). Returns this. */
    public Tensor withTangent(Tensor t) {
        if (!Arrays.equals(t.shape, shape))
            throw new ShapeException("withTangent: tangent shape " + Shapes.str(t.shape) + " differs from "
                    + Shapes.str(shape));
        this.tangent = t;
        return this;
    }

    /** A name shown in graph exports (parameters are labelled with their names). */
    public String label() { return label; }

    public Tensor label(String name) { this.label = name; return this; }

    public int version() { return storage.version(); }

    /** Records that a kernel changed the buffer in place (bumps the version seen by saved tensors). */
    public void markModified() { storage.modified(); }

    /** Where a gradient arriving for this tensor goes: its op's node, its leaf sink, or nowhere. */
    Node gradientSink() {
        if (gradFn != null) return gradFn;
        if (!requiresGrad) return null;
        if (sink == null) sink = new AccumulateGrad(this);
        return sink;
    }

    // ---------------------------------------------------------------- autodiff

    /** Reverse mode from a scalar: d(this)/d(leaf) into every leaf's grad. Frees the graph. */
    public void backward() {
        if (numel() != 1)
            throw new ShapeException("backward: the output" + (gradFn != null ? " of " + gradFn.name() : "") + " has shape "
                    + Shapes.str(shape) + "; backward() without an upstream gradient needs a scalar. Reduce it first"
                    + " (sum(), mean()) or pass a gradient of the output's shape: backward(grad)");
        backward(ones(shape), false);
    }

    /** Reverse mode with an upstream gradient of this tensor's shape (the u of uᵀJ). */
    public void backward(Tensor upstream) { backward(upstream, false); }

    public void backward(Tensor upstream, boolean retainGraph) { Autograd.backward(this, upstream, retainGraph); }

    /** The same values, cut off from the graph. Shares the storage. */
    public Tensor detach() { return new Tensor(storage, shape); }

    /** A tensor of another shape over the same storage (and version counter), with no graph history. */
    public Tensor sharedView(int... newShape) { return new Tensor(storage, newShape); }

    /** A copy of the values with no graph history (inside a {@link MemoryScope}, owned by it). */
    public Tensor detachedCopy() {
        float[] copy = MemoryScope.empty(numel());
        Backends.current().fillRows(buffer(), copy, 1, numel()); // a copy as one row, made where the values are
        return of(copy, shape);
    }

    // ---------------------------------------------------------------- in-place (no graph)

    /** this += other (same shape); for accumulating gradients and optimizer updates. */
    public Tensor addInPlace(Tensor other) { return addInPlace(1f, other); }

    /** this += alpha·other (same shape). */
    public Tensor addInPlace(float alpha, Tensor other) {
        if (!Arrays.equals(shape, other.shape))
            throw new ShapeException("addInPlace: shapes " + Shapes.str(shape) + " and " + Shapes.str(other.shape) + " differ");
        checkInPlaceAllowed("addInPlace");
        Backends.current().axpy(numel(), alpha, other.buffer(), buffer());
        markModified();
        return this;
    }

    public Tensor scaleInPlace(float alpha) {
        checkInPlaceAllowed("scaleInPlace");
        Backends.current().scale(numel(), alpha, buffer());
        markModified();
        return this;
    }

    public Tensor fillInPlace(float value) {
        checkInPlaceAllowed("fillInPlace");
        Arrays.fill(mutableData(), value);
        return this;
    }

    /** Copies other's values into this buffer (same shape). */
    public Tensor copyFrom(Tensor other) {
        if (!Arrays.equals(shape, other.shape))
            throw new ShapeException("copyFrom: shapes " + Shapes.str(shape) + " and " + Shapes.str(other.shape) + " differ");
        checkInPlaceAllowed("copyFrom");
        Backends.current().fillRows(other.buffer(), buffer(), 1, numel());
        markModified();
        return this;
    }

    private void checkInPlaceAllowed(String op) {
        if (GradMode.isEnabled() && requiresGrad && gradFn == null)
            throw new IllegalStateException(op + ": a leaf that requires grad is being changed in place while the graph "
                    + "is recorded; do it inside GradMode.off() (as optimizers do)");
    }

    // ---------------------------------------------------------------- ops (each in nnrun.ops)

    public Tensor add(Tensor o) { return Add.apply(this, o); }
    public Tensor add(float c) { return Add.apply(this, scalar(c)); }
    public Tensor sub(Tensor o) { return Sub.apply(this, o); }
    public Tensor sub(float c) { return Sub.apply(this, scalar(c)); }
    public Tensor mul(Tensor o) { return Mul.apply(this, o); }
    public Tensor mul(float c) { return Mul.apply(this, scalar(c)); }
    public Tensor div(Tensor o) { return Div.apply(this, o); }
    public Tensor div(float c) { return Div.apply(this, scalar(c)); }
    public Tensor neg() { return Neg.apply(this); }
    public Tensor exp() { return Exp.apply(this); }
    public Tensor log() { return Log.apply(this); }
    public Tensor sin() { return Sin.apply(this); }
    public Tensor sigmoid() { return SigmoidOp.apply(this); }
    public Tensor relu() { return Relu.apply(this); }
    public Tensor matmul(Tensor o) { return MatMul.apply(this, o); }
    public Tensor reshape(int... newShape) { return Reshape.apply(this, newShape); }
    public Tensor view(int... newShape) { return Reshape.apply(this, newShape); }
    public Tensor permute(int... axes) { return Permute.apply(this, axes); }
    public Tensor transpose(int axis0, int axis1) { return Permute.swap(this, axis0, axis1); }
    /** The transpose of a 2-D tensor. */
    public Tensor t() { return Permute.swap(this, 0, 1); }
    public Tensor sum() { return Sum.apply(this); }
    public Tensor sum(int axis, boolean keepDim) { return SumAxis.apply(this, axis, keepDim); }
    public Tensor mean() { return Sum.apply(this).div(numel()); }
    public Tensor mean(int axis, boolean keepDim) { return SumAxis.apply(this, axis, keepDim).div(shape[Shapes.axis("mean", axis, shape.length)]); }
    /** Mean softmax cross-entropy of logits [N, C] against class indices (numerically stable). */
    public Tensor crossEntropy(int[] labels) { return SoftmaxCrossEntropy.apply(this, labels); }

    /** this^p elementwise for a constant exponent. */
    public Tensor pow(float p) { return Pow.apply(this, p); }
    /** this^exponent elementwise, with broadcasting; both get gradients. */
    public Tensor pow(Tensor exponent) { return PowTensor.apply(this, exponent); }
    public Tensor sqrt() { return Sqrt.apply(this); }
    public Tensor abs() { return Abs.apply(this); }
    public Tensor cos() { return Cos.apply(this); }
    public Tensor tanh() { return TanhOp.apply(this); }
    /** x for x > 0, slope·x otherwise. */
    public Tensor leakyRelu(float slope) { return LeakyRelu.apply(this, slope); }
    /** Elementwise max with broadcasting (the reduction is {@link #max()}). */
    public Tensor maximum(Tensor o) { return Maximum.apply(this, o); }
    public Tensor minimum(Tensor o) { return Minimum.apply(this, o); }
    /** a where mask is nonzero, else b (all three broadcast); the mask gets no gradient. */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) { return Where.apply(mask, a, b); }
    /** 1 where this > o, else 0 (a mask for {@link #where}; not differentiable). */
    public Tensor gt(Tensor o) { return Compare.greater(this, o); }
    public Tensor gt(float c) { return Compare.greater(this, scalar(c)); }
    /** 1 where this < o, else 0 (a mask for {@link #where}; not differentiable). */
    public Tensor lt(Tensor o) { return Compare.less(this, o); }
    public Tensor lt(float c) { return Compare.less(this, scalar(c)); }
    /** The largest element (0-d); its gradient goes to that one element (the first on ties). */
    public Tensor max() { return Max.apply(this, Extreme.LARGEST); }
    /** The largest element along an axis; the gradient goes to the selected elements. */
    public Tensor max(int axis, boolean keepDim) { return MaxAxis.apply(this, axis, keepDim, Extreme.LARGEST); }
    public Tensor min() { return Max.apply(this, Extreme.SMALLEST); }
    public Tensor min(int axis, boolean keepDim) { return MaxAxis.apply(this, axis, keepDim, Extreme.SMALLEST); }
    /** Flat row-major position of the largest element (first on ties). Not differentiable. */
    public int argmax() { return Max.select(this, Extreme.LARGEST); }
    /** Position of the largest element of each lane along the axis, laid out row-major without that axis. */
    public int[] argmax(int axis) { return MaxAxis.select(this, axis, Extreme.LARGEST); }
    public int argmin() { return Max.select(this, Extreme.SMALLEST); }
    public int[] argmin(int axis) { return MaxAxis.select(this, axis, Extreme.SMALLEST); }
    /** Population variance (divides by n, as batch norm does) of all elements. */
    public Tensor variance() {
        Tensor d = sub(mean());
        return d.mul(d).mean();
    }
    /** Population variance along an axis. */
    public Tensor variance(int axis, boolean keepDim) {
        Tensor d = sub(mean(axis, true));
        return d.mul(d).mean(axis, keepDim);
    }
    /** The slices at positions idx along the axis (repeats allowed). */
    public Tensor indexSelect(int axis, int... idx) { return IndexSelect.apply(this, axis, idx); }
    /** PyTorch's gather: out[i][j] = this[i][index[i][j]] for axis 1; index holds whole numbers. */
    public Tensor gather(int axis, Tensor index) { return Gather.apply(this, axis, index); }
    /** gather with a 2-D index given as rows, e.g. one label per row: {{3}, {0}, {7}}. */
    public Tensor gather(int axis, int[][] index) {
        float[][] rows = new float[index.length][];
        for (int i = 0; i < index.length; i++) {
            rows[i] = new float[index[i].length];
            for (int j = 0; j < index[i].length; j++) rows[i][j] = index[i][j];
        }
        return Gather.apply(this, axis, matrix(rows));
    }
    /** Positions start, start+step, ... below end along the axis (Python's x[start:end:step]). */
    public Tensor slice(int axis, int start, int end, int step) { return Slice.apply(this, axis, start, end, step); }
    public Tensor slice(int axis, int start, int end) { return Slice.apply(this, axis, start, end, 1); }
    /** Tensors joined along an axis; the other dimensions must match. */
    public static Tensor concat(int axis, Tensor... parts) { return Concat.apply(axis, parts); }
    /** Softmax along an axis, computed stably (max-shifted). */
    public Tensor softmax(int axis) { return SoftmaxOp.apply(this, axis); }
    /** log softmax along an axis, computed stably (no log of a rounded-to-zero probability). */
    public Tensor logSoftmax(int axis) { return LogSoftmax.apply(this, axis); }
    /** Mean of log(1 + exp(−y·z)) over scores z = this and labels y = ±1 of the same shape, computed stably. */
    public Tensor logisticLoss(Tensor labels) { return LogisticLossOp.apply(this, labels); }

    // ---------------------------------------------------------------- printing

    /**
     * PyTorch-style: {@code tensor([[0.1966, 0.1050], [0.0452, 0.0177]], grad_fn=<SigmoidBackward>)}.
     * Four decimals, or scientific notation for the whole tensor when some value would otherwise
     * print as 0.0000 or has 9+ digits; beyond 1000 values each axis shows its first and last 3.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        float[] data = data();
        appendValues(sb, data, 0, 0, needsScientific(data) ? "%.4e" : "%.4f");
        if (gradFn != null) sb.append(", grad_fn=<").append(gradFn.name()).append('>');
        else if (requiresGrad) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }

    private static final int EDGE = 3;

    private static boolean needsScientific(float[] data) {
        for (float v : data) {
            float a = Math.abs(v);
            if (Float.isFinite(a) && a != 0f && (a < 1e-4f || a >= 1e8f)) return true;
        }
        return false;
    }

    private void appendValues(StringBuilder sb, float[] data, int axis, int offset, String format) {
        if (shape.length == 0) { sb.append(format(data[0], format)); return; }
        boolean summarize = data.length > 1000;
        int n = shape[axis];
        int stride = 1;
        for (int d = axis + 1; d < shape.length; d++) stride *= shape[d];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) { sb.append("..., "); i = n - EDGE; }
            if (axis == shape.length - 1) sb.append(format(data[offset + i], format));
            else appendValues(sb, data, axis + 1, offset + i * stride, format);
            if (i < n - 1) sb.append(", ");
        }
        sb.append(']');
    }

    private static String format(float v, String format) {
        if (Float.isNaN(v)) return "nan";
        if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(java.util.Locale.ROOT, format, v);
    }
}
