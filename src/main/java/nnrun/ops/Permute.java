package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

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

    private static Tensor permuted(Tensor x, int[] axes) {
        int[] in = x.shape(), inStrides = Shapes.strides(in);
        int r = in.length;
        int[] out = new int[r], srcStride = new int[r];
        for (int i = 0; i < r; i++) { out[i] = in[axes[i]]; srcStride[i] = inStrides[axes[i]]; }
        float[] src = x.data(), dst = MemoryScope.floats(src.length);
        int[] idx = new int[r];
        int s = 0;
        for (int o = 0; o < dst.length; o++) {
            dst[o] = src[s];
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                s += srcStride[d];
                if (idx[d] < out[d]) break;
                s -= srcStride[d] * out[d];
                idx[d] = 0;
            }
        }
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
