package nnrun.ops;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.backend.Backends;

/**
 * A row-major tensor seen as outer × len × inner around one axis: element (o, j, i) sits at
 * (o·len + j)·inner + i. Every along-an-axis op (softmax, max, index select, slice, concat)
 * loops over this view instead of over n-dimensional indices.
 */
record Lanes(int outer, int len, int inner) {

    /** Normalizes a possibly negative axis; a 0-d tensor has no axis to work along. */
    static int axis(String op, int axis, int[] shape) {
        if (shape.length == 0)
            throw new ShapeException(op + ": a 0-d tensor has no axis " + axis + "; reshape it to [1] first");
        return Shapes.axis(op, axis, shape.length);
    }

    static Lanes around(int[] shape, int axis) {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= shape[d];
        for (int d = axis + 1; d < shape.length; d++) inner *= shape[d];
        return new Lanes(outer, shape.length == 0 ? 1 : shape[axis], inner);
    }

    int at(int o, int j, int i) { return (o * len + j) * inner + i; }

    /** x with only the positions idx kept along the axis, in that order (repeats allowed): a backend gather. */
    float[] select(float[] x, int[] idx) {
        float[] out = MemoryScope.empty(outer * idx.length * inner);
        Backends.current().gatherSum(x, outer, len, inner, null, idx, idx.length, out);
        return out;
    }

    /** The VJP of select: g (outer × idx.length × inner) added back at positions idx (repeats sum), zeros elsewhere. */
    float[] scatterAdd(float[] g, int[] idx) {
        InverseIndex picks = InverseIndex.of(idx, len);
        float[] out = MemoryScope.empty(outer * len * inner);
        Backends.current().gatherSum(g, outer, idx.length, inner, picks.starts(), picks.sources(), len, out);
        return out;
    }

    /** shape with the axis set to size n. */
    static int[] resized(int[] shape, int axis, int n) {
        int[] out = shape.clone();
        out[axis] = n;
        return out;
    }

    /** Checks each index lies in [0, size) along the axis; the message names the op and the shape. */
    static void checkIndices(String op, int[] idx, int[] shape, int axis) {
        for (int k = 0; k < idx.length; k++)
            if (idx[k] < 0 || idx[k] >= shape[axis])
                throw new IndexOutOfBoundsException(op + ": index " + idx[k] + " (position " + k + ") is out of range"
                        + " for axis " + axis + " of size " + shape[axis] + " in a tensor of shape " + Shapes.str(shape));
    }
}
