package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/**
 * The largest element along one axis, keeping it as size 1 or dropping it. Saves the argmax
 * of each lane: the VJP routes each gradient value to the element that was selected (the first
 * on ties), every other element gets 0.
 */
public final class MaxAxis extends Node {
    private final int[] inShape, outShape;
    private final Lanes lanes;
    private final int[] selected; // per (outer, inner) lane: the position along the axis

    private MaxAxis(int[] inShape, int[] outShape, Lanes lanes, int[] selected) {
        this.inShape = inShape; this.outShape = outShape; this.lanes = lanes; this.selected = selected;
    }

    public static Tensor apply(Tensor x, int axis, boolean keepDim) {
        int[] in = x.shape();
        int a = Lanes.axis("max", axis, in);
        Lanes lanes = Lanes.around(in, a);
        int[] at = argmax(x, a);
        float[] xv = x.data(), out = new float[at.length];
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++)
                out[o * lanes.inner() + i] = xv[lanes.at(o, at[o * lanes.inner() + i], i)];
        Tensor y = Tensor.of(out, keepDim ? Lanes.resized(in, a, 1) : SumAxis.dropAxis(in, a));
        return Autograd.record(new MaxAxis(in, y.shape(), lanes, at), y, x);
    }

    /**
     * For each lane along the axis, the position of its largest element (first on ties, NaN
     * counts as largest), laid out in the shape of x without that axis. Not differentiable.
     */
    public static int[] argmax(Tensor x, int axis) {
        int[] in = x.shape();
        int a = Lanes.axis("argmax", axis, in);
        Lanes lanes = Lanes.around(in, a);
        if (lanes.len() == 0)
            throw new ShapeException("max: axis " + a + " of shape " + Shapes.str(in) + " is empty, so it has no largest element");
        float[] v = x.data();
        int[] best = new int[lanes.outer() * lanes.inner()];
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                int b = 0;
                for (int j = 1; j < lanes.len() && !Float.isNaN(v[lanes.at(o, b, i)]); j++) {
                    float c = v[lanes.at(o, j, i)];
                    if (c > v[lanes.at(o, b, i)] || Float.isNaN(c)) b = j;
                }
                best[o * lanes.inner() + i] = b;
            }
        return best;
    }

    @Override protected Tensor[] vjp(Tensor g) {
        float[] gv = g.data(), dx = new float[Shapes.numel(inShape)];
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                int lane = o * lanes.inner() + i;
                dx[lanes.at(o, selected[lane], i)] = gv[lane];
            }
        return new Tensor[] {Tensor.of(dx, inShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        float[] tv = t[0].data(), out = new float[selected.length];
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                int lane = o * lanes.inner() + i;
                out[lane] = tv[lanes.at(o, selected[lane], i)];
            }
        return Tensor.of(out, outShape);
    }
}
