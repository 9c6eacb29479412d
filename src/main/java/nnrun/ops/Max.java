package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Tensor;

/**
 * The largest element (or the smallest, by {@link Extreme}), a 0-d tensor. Saves only the
 * position it was taken from: the VJP routes the whole gradient to that one element (the first,
 * on ties) and gives every other element 0. A NaN anywhere is selected, as in PyTorch.
 */
public final class Max extends Node {
    private final int[] inShape;
    private final int selected;
    private final Extreme extreme;

    private Max(int[] inShape, int selected, Extreme extreme) {
        this.inShape = inShape; this.selected = selected; this.extreme = extreme;
    }

    public static Tensor apply(Tensor x, Extreme extreme) {
        int at = select(x, extreme);
        return Autograd.record(new Max(x.shape(), at, extreme), Tensor.scalar(x.data()[at]), x);
    }

    /** The flat (row-major) position of the largest or smallest element, the first on ties. */
    public static int select(Tensor x, Extreme extreme) {
        float[] v = x.data();
        if (v.length == 0)
            throw new ShapeException(extreme.opName() + ": the tensor is empty, so it has no extreme element");
        int best = 0;
        for (int i = 1; i < v.length && !Float.isNaN(v[best]); i++)
            if (extreme.beats(v[i], v[best])) best = i;
        return best;
    }


    @Override protected Tensor[] vjp(Tensor g) {
        Tensor dx = Tensor.zeros(inShape);
        dx.data()[selected] = g.item();
        return new Tensor[] {dx};
    }

    @Override protected Tensor jvp(Tensor[] t) { return Tensor.scalar(t[0].data()[selected]); }

    @Override public String name() { return extreme.backwardName(); }
}
