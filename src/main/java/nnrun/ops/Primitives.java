package nnrun.ops;

import java.util.Arrays;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.Binary;
import nnrun.backend.Unary;

/** Backend calls that produce a new tensor and record nothing: the building blocks of forwards and VJPs. */
public final class Primitives {
    private Primitives() {}

    public static Tensor map(Unary op, Tensor x) {
        float[] y = MemoryScope.empty(x.numel());
        Backends.current().unary(op, x.buffer(), y, y.length);
        return Tensor.of(y, x.shape());
    }

    /** a op b with broadcasting; `name` is the user-facing op name for shape errors. */
    public static Tensor zip(String name, Binary op, Tensor a, Tensor b) {
        int[] as = a.shape(), bs = b.shape();
        if (Arrays.equals(as, bs)) {
            float[] out = MemoryScope.empty(a.numel());
            Backends.current().binary(op, a.buffer(), b.buffer(), out, out.length);
            return Tensor.of(out, as);
        }
        int[] shape = Shapes.broadcast(name, as, bs);
        float[] out = MemoryScope.empty(Shapes.numel(shape));
        Backends.current().binaryStrided(op, a.buffer(), Shapes.broadcastStrides(as, shape),
                b.buffer(), Shapes.broadcastStrides(bs, shape), out, shape);
        return Tensor.of(out, shape);
    }

    /** Repeats x along broadcast axes to fill `shape` (x's shape must broadcast to it). */
    public static Tensor expand(Tensor x, int[] shape) {
        if (Arrays.equals(x.shape(), shape)) return x;
        float[] out = MemoryScope.empty(Shapes.numel(shape));
        Backends.current().binaryStrided(Binary.ADD, x.buffer(), Shapes.broadcastStrides(x.shape(), shape),
                MemoryScope.floats(1), new int[shape.length], out, shape);
        return Tensor.of(out, shape);
    }

    /**
     * Sums a gradient over the axes along which a tensor of shape `shape` was broadcast, so the
     * result has exactly that shape (the VJP of broadcasting).
     */
    public static Tensor reduceTo(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int lead = gs.length - shape.length;
        float[] cur = g.buffer();
        int[] curShape = gs;
        for (int d = 0; d < gs.length; d++) {
            boolean broadcastAxis = d < lead || (shape[d - lead] == 1 && gs[d] != 1);
            if (!broadcastAxis) continue;
            int outer = 1, inner = 1;
            for (int i = 0; i < d; i++) outer *= curShape[i];
            for (int i = d + 1; i < curShape.length; i++) inner *= curShape[i];
            float[] next = MemoryScope.empty(outer * inner);
            Backends.current().sumAxis(cur, outer, curShape[d], inner, next);
            cur = next;
            curShape = curShape.clone();
            curShape[d] = 1;
        }
        return Tensor.of(cur, shape);
    }
}
