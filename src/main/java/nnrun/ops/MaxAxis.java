package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/**
 * The largest (or the smallest, by {@link Extreme}) element along one axis, keeping it as
 * size 1 or dropping it. Saves the position selected in each lane: the VJP routes each gradient
 * value to that element (the first on ties), every other element gets 0.
 */
public final class MaxAxis extends Node {
    private final int[] inShape, outShape;
    private final Lanes lanes;
    private int[] selected; // per (outer, inner) lane: the position along the axis
    private final Extreme extreme;

    private MaxAxis(int[] inShape, int[] outShape, Lanes lanes, int[] selected, Extreme extreme) {
        this.inShape = inShape; this.outShape = outShape; this.lanes = lanes; this.selected = selected; this.extreme = extreme;
    }

    public static Tensor apply(Tensor x, int axis, boolean keepDim, Extreme extreme) {
        int[] in = x.shape();
        int a = Lanes.axis(extreme.opName(), axis, in);
        Lanes lanes = Lanes.around(in, a);
        int[] at = select(x, a, extreme);
        float[] xv = x.data(), out = MemoryScope.floats(at.length);
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++)
                out[o * lanes.inner() + i] = xv[lanes.at(o, at[o * lanes.inner() + i], i)];
        Tensor y = Tensor.of(out, keepDim ? Lanes.resized(in, a, 1) : SumAxis.dropAxis(in, a));
        return Autograd.record(new MaxAxis(in, y.shape(), lanes, at, extreme), y, x);
    }

    /**
     * For each lane along the axis, the position of its largest or smallest element (first on
     * ties, a NaN wins), laid out in the shape of x without that axis. Not differentiable.
     */
    public static int[] select(Tensor x, int axis, Extreme extreme) {
        int[] in = x.shape();
        String op = extreme.argName();
        int a = Lanes.axis(op, axis, in);
        Lanes lanes = Lanes.around(in, a);
        if (lanes.len() == 0)
            throw new ShapeException(op + ": axis " + a + " of shape " + Shapes.str(in) + " is empty, so it has no extreme element");
        float[] v = x.data();
        int[] best = new int[lanes.outer() * lanes.inner()];
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                int b = 0;
                for (int j = 1; j < lanes.len() && !Float.isNaN(v[lanes.at(o, b, i)]); j++) {
                    if (extreme.beats(v[lanes.at(o, j, i)], v[lanes.at(o, b, i)])) b = j;
                }
                best[o * lanes.inner() + i] = b;
            }
        return best;
    }

    @Override protected Tensor[] vjp(Tensor g) {
        float[] gv = g.data(), dx = MemoryScope.floats(Shapes.numel(inShape));
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                int lane = o * lanes.inner() + i;
                dx[lanes.at(o, selected[lane], i)] = gv[lane];
            }
        return new Tensor[] {Tensor.of(dx, inShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        float[] tv = t[0].data(), out = MemoryScope.floats(selected.length);
        for (int o = 0; o < lanes.outer(); o++)
            for (int i = 0; i < lanes.inner(); i++) {
                int lane = o * lanes.inner() + i;
                out[lane] = tv[lanes.at(o, selected[lane], i)];
            }
        return Tensor.of(out, outShape);
    }

    @Override public String name() { return extreme.backwardName(); }

    @Override protected void releaseSaved() { selected = null; }
}
