package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * PyTorch's gather: out has the index's shape and, for axis 1 of a 2-D x,
 * out[i][j] = x[i][index[i][j]] (in general the index replaces the coordinate along the axis).
 * The index holds whole numbers; along the other axes it may be smaller than x, never larger.
 * Picking each row's label score from logits [N, C] is gather(1, labels as [N, 1]).
 * Saves the flat source position of every output element. VJP: g added back at those positions.
 */
public final class Gather extends Node {
    private final int[] inShape, outShape;
    private int[] source;

    private Gather(int[] inShape, int[] outShape, int[] source) { this.inShape = inShape; this.outShape = outShape; this.source = source; }

    public static Tensor apply(Tensor x, int axis, Tensor index) {
        int[] in = x.shape(), is = index.shape();
        int a = Lanes.axis("gather", axis, in);
        if (is.length != in.length)
            throw new ShapeException("gather: index of shape " + Shapes.str(is) + " must have the rank of the input "
                    + Shapes.str(in));
        for (int d = 0; d < in.length; d++)
            if (d != a && is[d] > in[d])
                throw new ShapeException("gather: index of shape " + Shapes.str(is) + " is larger than the input "
                        + Shapes.str(in) + " along axis " + d + " (only axis " + a + " may differ)");
        int[] source = sourcePositions(in, a, index);
        return Autograd.record(new Gather(in, is, source), picked(x, source, is), x);
    }

    /** out[k] = x[source[k]], a backend gather over x as one flat lane. */
    private static Tensor picked(Tensor x, int[] source, int[] shape) {
        float[] out = MemoryScope.empty(source.length);
        Backends.current().gatherSum(x.buffer(), 1, x.numel(), 1, null, source, source.length, out);
        return Tensor.of(out, shape);
    }

    /** For each index element, the flat position in x it reads (the index is given data, read on the host). */
    private static int[] sourcePositions(int[] in, int axis, Tensor index) {
        int[] is = index.shape(), strides = Shapes.strides(in), coord = new int[is.length];
        float[] iv = index.data();
        int[] source = MemoryScope.emptyIndices(iv.length);
        for (int k = 0; k < iv.length; k++) {
            float v = iv[k];
            if (v != Math.rint(v) || v < 0 || v >= in[axis])
                throw new IndexOutOfBoundsException("gather: index value " + v + " at flat position " + k + " is not a"
                        + " whole number in [0, " + in[axis] + ") for axis " + axis + " of the input " + Shapes.str(in));
            int pos = 0;
            for (int d = 0; d < is.length; d++) pos += (d == axis ? (int) v : coord[d]) * strides[d];
            source[k] = pos;
            for (int d = is.length - 1; d >= 0 && ++coord[d] == is[d]; d--) coord[d] = 0;
        }
        return source;
    }

    /** Every element of x sums the gradients of the outputs that read it. */
    @Override protected Tensor[] vjp(Tensor g) {
        int n = Shapes.numel(inShape);
        InverseIndex readers = InverseIndex.of(source, n);
        float[] dx = MemoryScope.empty(n);
        Backends.current().gatherSum(g.buffer(), 1, source.length, 1, readers.starts(), readers.sources(), n, dx);
        return new Tensor[] {Tensor.of(dx, inShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) { return picked(t[0], source, outShape); }

    @Override protected void releaseSaved() { source = null; }
}
