package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Tensor;

/**
 * The largest element, a 0-d tensor. Saves only the position it was taken from: the VJP routes
 * the whole gradient to that one element (the first, on ties) and gives every other element 0.
 * A NaN anywhere makes the max NaN, as in PyTorch.
 */
public final class Max extends Node {
    private final int[] inShape;
    private final int selected;

    private Max(int[] inShape, int selected) { this.inShape = inShape; this.selected = selected; }

    public static Tensor apply(Tensor x) {
        int at = argmax(x);
        return Autograd.record(new Max(x.shape(), at), Tensor.scalar(x.data()[at]), x);
    }

    /** The flat (row-major) position of the largest element, the first on ties; a NaN counts as largest. */
    public static int argmax(Tensor x) {
        float[] v = x.data();
        if (v.length == 0) throw new ShapeException("max: the tensor is empty, so it has no largest element");
        int best = 0;
        for (int i = 1; i < v.length && !Float.isNaN(v[best]); i++)
            if (v[i] > v[best] || Float.isNaN(v[i])) best = i;
        return best;
    }

    @Override protected Tensor[] vjp(Tensor g) {
        Tensor dx = Tensor.zeros(inShape);
        dx.data()[selected] = g.item();
        return new Tensor[] {dx};
    }

    @Override protected Tensor jvp(Tensor[] t) { return Tensor.scalar(t[0].data()[selected]); }
}
