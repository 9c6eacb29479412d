package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * The largest element (or the smallest, by {@link Extreme}), a 0-d tensor. Saves only the
 * position it was taken from: the VJP routes the whole gradient to that one element (the first,
 * on ties) and gives every other element 0. A NaN anywhere is selected, as in PyTorch.
 */
public final class Max extends Node {
    private final int[] inShape;
    private final Lanes all;
    private int[] selected; // one position, where the backend computed it
    private final Extreme extreme;

    private Max(int[] inShape, Lanes all, int[] selected, Extreme extreme) {
        this.inShape = inShape; this.all = all; this.selected = selected; this.extreme = extreme;
    }

    public static Tensor apply(Tensor x, Extreme extreme) {
        Lanes all = wholeOf(x, extreme);
        float[] value = MemoryScope.empty(1);
        int[] at = MemoryScope.emptyIndices(1);
        extreme.find(x.buffer(), all, value, at);
        return Autograd.record(new Max(x.shape(), all, at, extreme), Tensor.of(value), x);
    }

    /** The flat (row-major) position of the largest or smallest element, the first on ties: a number for the caller. */
    public static int select(Tensor x, Extreme extreme) {
        int[] at = new int[1];
        extreme.find(x.buffer(), wholeOf(x, extreme), new float[1], at);
        Backends.current().toHost(at);
        return at[0];
    }

    /** All of x as one lane. */
    private static Lanes wholeOf(Tensor x, Extreme extreme) {
        if (x.numel() == 0)
            throw new ShapeException(extreme.opName() + ": the tensor is empty, so it has no extreme element");
        return new Lanes(1, x.numel(), 1);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        float[] dx = MemoryScope.empty(all.len());
        Backends.current().placeAlong(g.buffer(), selected, 1, all.len(), 1, dx);
        return new Tensor[] {Tensor.of(dx, inShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        float[] out = MemoryScope.empty(1);
        Backends.current().takeAlong(t[0].buffer(), selected, 1, all.len(), 1, out);
        return Tensor.of(out);
    }

    @Override public String name() { return extreme.backwardName(); }

    @Override protected void releaseSaved() { selected = null; }
}
