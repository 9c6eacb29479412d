package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/**
 * The slices at positions idx along one axis, in that order; repeats are allowed. VJP: each
 * slice of g is added back at its position (repeated positions sum), zeros elsewhere.
 */
public final class IndexSelect extends Node {
    private final int[] inShape, outShape, idx;
    private final Lanes lanes;

    private IndexSelect(int[] inShape, int[] outShape, Lanes lanes, int[] idx) {
        this.inShape = inShape; this.outShape = outShape; this.lanes = lanes; this.idx = idx;
    }

    public static Tensor apply(Tensor x, int axis, int[] idx) {
        int[] in = x.shape();
        int a = Lanes.axis("index_select", axis, in);
        Lanes.checkIndices("index_select", idx, in, a);
        int[] kept = idx.clone(); // the forward's and the VJP's, so a device uploads it once
        return Autograd.record(new IndexSelect(in, Lanes.resized(in, a, idx.length), Lanes.around(in, a), kept),
                selected(x, a, kept), x);
    }

    /** The selection itself, recording nothing (shared with {@link Slice}). */
    static Tensor selected(Tensor x, int axis, int[] idx) {
        int[] in = x.shape();
        return Tensor.of(Lanes.around(in, axis).select(x.buffer(), idx), Lanes.resized(in, axis, idx.length));
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {Tensor.of(lanes.scatterAdd(g.buffer(), idx), inShape)}; }

    @Override protected Tensor jvp(Tensor[] t) { return Tensor.of(lanes.select(t[0].buffer(), idx), outShape); }
}
