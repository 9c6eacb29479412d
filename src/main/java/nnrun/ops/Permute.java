package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/** Reorders axes (a transpose is a permute that swaps two). VJP: the inverse permutation of g. */
public final class Permute extends Node {
    private final int[] axes;

    private Permute(int[] axes) { this.axes = axes; }

    public static Tensor swap(Tensor x, int axis0, int axis1) {
        int r = x.rank();
        int[] axes = new int[r];
        for (int i = 0; i < r; i++) axes[i] = i;
        int a0 = Shapes.axis("transpose", axis0, r), a1 = Shapes.axis("transpose", axis1, r);
        axes[a0] = a1;
        axes[a1] = a0;
        return apply(x, axes);
    }

    public static Tensor apply(Tensor x, int... axes) {
        int r = x.rank();
        if (axes.length != r)
            throw new ShapeException("permute: " + axes.length + " axes given for a tensor of shape " + Shapes.str(x.shape()));
        boolean[] used = new boolean[r];
        int[] norm = new int[r];
        for (int i = 0; i < r; i++) {
            norm[i] = Shapes.axis("permute", axes[i], r);
            if (used[norm[i]]) throw new ShapeException("permute: axis " + norm[i] + " repeated in " + Shapes.str(axes));
            used[norm[i]] = true;
        }
        return Autograd.record(new Permute(norm), permuted(x, norm), x);
    }

    /** A copy of x read through its strides in the new axis order, made where x's values are. */
    private static Tensor permuted(Tensor x, int[] axes) {
        int[] in = x.shape(), inStrides = Shapes.strides(in);
        int r = in.length;
        int[] out = new int[r], srcStride = new int[r];
        for (int i = 0; i < r; i++) { out[i] = in[axes[i]]; srcStride[i] = inStrides[axes[i]]; }
        float[] dst = MemoryScope.empty(x.numel());
        Backends.current().copyStrided(x.buffer(), 0, srcStride, dst, out);
        return Tensor.of(dst, out);
    }

    private int[] inverse() {
        int[] inv = new int[axes.length];
        for (int i = 0; i < axes.length; i++) inv[axes[i]] = i;
        return inv;
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.permute(inverse())}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].permute(axes); }
}
