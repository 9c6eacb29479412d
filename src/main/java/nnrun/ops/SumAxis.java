package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/** Sum along one axis, keeping it as size 1 or dropping it. VJP: g repeated along that axis. */
public final class SumAxis extends Node {
    private final int[] inShape, keptShape;
    private final int axis;
    private final boolean keepDim;

    private SumAxis(int[] inShape, int[] keptShape, int axis, boolean keepDim) {
        this.inShape = inShape; this.keptShape = keptShape; this.axis = axis; this.keepDim = keepDim;
    }

    public static Tensor apply(Tensor x, int axis, boolean keepDim) {
        int[] in = x.shape();
        int a = Shapes.axis("sum", axis, in.length);
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= in[i];
        for (int i = a + 1; i < in.length; i++) inner *= in[i];
        float[] out = MemoryScope.empty(outer * inner);
        Backends.current().sumAxis(x.buffer(), outer, in[a], inner, out);
        int[] kept = in.clone();
        kept[a] = 1;
        Tensor y = Tensor.of(out, keepDim ? kept : dropAxis(in, a));
        return Autograd.record(new SumAxis(in, kept, a, keepDim), y, x);
    }

    static int[] dropAxis(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != axis) out[j++] = shape[i];
        return out;
    }

    @Override protected Tensor[] vjp(Tensor g) {
        return new Tensor[] {Primitives.expand(g.sharedView(keptShape), inShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].sum(axis, keepDim); }
}
