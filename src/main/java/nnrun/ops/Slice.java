package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/**
 * Positions start, start+step, ... (below end) along one axis, like Python's x[start:end:step].
 * The slides' SEE, "select even elements", is slice(0, 0, n, 2). Negative start/end count from
 * the end. VJP: g placed back at those positions, zeros elsewhere (for SEE: [g0, 0, g1, 0, ...]).
 */
public final class Slice extends Node {
    private final int[] inShape, outShape, idx;
    private final Lanes lanes;

    private Slice(int[] inShape, int[] outShape, Lanes lanes, int[] idx) {
        this.inShape = inShape; this.outShape = outShape; this.lanes = lanes; this.idx = idx;
    }

    public static Tensor apply(Tensor x, int axis, int start, int end, int step) {
        int[] in = x.shape();
        int a = Lanes.axis("slice", axis, in);
        int n = in[a];
        int from = start < 0 ? start + n : start, to = end < 0 ? end + n : end;
        if (step < 1 || from < 0 || to > n || from > to)
            throw new ShapeException("slice: [" + start + ":" + end + ":" + step + "] does not fit axis " + a + " of size "
                    + n + " in a tensor of shape " + Shapes.str(in) + "; need 0 <= start <= end <= " + n + " and step >= 1");
        int[] idx = new int[(to - from + step - 1) / step];
        for (int k = 0; k < idx.length; k++) idx[k] = from + k * step;
        Tensor y = IndexSelect.selected(x, a, idx);
        return Autograd.record(new Slice(in, y.shape(), Lanes.around(in, a), idx), y, x);
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {Tensor.of(lanes.scatterAdd(g.buffer(), idx), inShape)}; }

    @Override protected Tensor jvp(Tensor[] t) { return Tensor.of(lanes.select(t[0].buffer(), idx), outShape); }
}
