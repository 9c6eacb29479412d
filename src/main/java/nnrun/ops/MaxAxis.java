package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

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
        Lanes lanes = nonEmptyLanes(extreme.opName(), in, a);
        float[] out = MemoryScope.empty(lanes.outer() * lanes.inner());
        int[] at = MemoryScope.emptyIndices(out.length);
        extreme.find(x.buffer(), lanes, out, at);
        Tensor y = Tensor.of(out, keepDim ? Lanes.resized(in, a, 1) : SumAxis.dropAxis(in, a));
        return Autograd.record(new MaxAxis(in, y.shape(), lanes, at, extreme), y, x);
    }

    /**
     * For each lane along the axis, the position of its largest or smallest element (first on
     * ties, a NaN wins), laid out in the shape of x without that axis: numbers for the caller. Not differentiable.
     */
    public static int[] select(Tensor x, int axis, Extreme extreme) {
        int[] in = x.shape();
        Lanes lanes = nonEmptyLanes(extreme.argName(), in, Lanes.axis(extreme.argName(), axis, in));
        int[] best = new int[lanes.outer() * lanes.inner()];
        extreme.find(x.buffer(), lanes, new float[best.length], best);
        Backends.current().toHost(best);
        return best;
    }

    private static Lanes nonEmptyLanes(String op, int[] shape, int axis) {
        Lanes lanes = Lanes.around(shape, axis);
        if (lanes.len() == 0)
            throw new ShapeException(op + ": axis " + axis + " of shape " + Shapes.str(shape)
                    + " is empty, so it has no extreme element");
        return lanes;
    }

    @Override protected Tensor[] vjp(Tensor g) {
        float[] dx = MemoryScope.empty(Shapes.numel(inShape));
        Backends.current().placeAlong(g.buffer(), selected, lanes.outer(), lanes.len(), lanes.inner(), dx);
        return new Tensor[] {Tensor.of(dx, inShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        float[] out = MemoryScope.empty(selected.length);
        Backends.current().takeAlong(t[0].buffer(), selected, lanes.outer(), lanes.len(), lanes.inner(), out);
        return Tensor.of(out, outShape);
    }

    @Override public String name() { return extreme.backwardName(); }

    @Override protected void releaseSaved() { selected = null; }
}
