package nnrun.ops;

import java.util.ArrayList;
import java.util.List;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * Tensors joined along one axis; all other dimensions must match. VJP: g cut back into pieces
 * of the inputs' sizes along that axis.
 */
public final class Concat extends Node {
    private final int axis;
    private final int[][] inShapes;

    private Concat(int axis, int[][] inShapes) { this.axis = axis; this.inShapes = inShapes; }

    public static Tensor apply(int axis, Tensor... parts) {
        if (parts.length == 0) throw new ShapeException("concat: needs at least one tensor");
        int[] first = parts[0].shape();
        int a = Lanes.axis("concat", axis, first);
        int[][] shapes = new int[parts.length][];
        int[] lens = new int[parts.length];
        List<float[]> buffers = new ArrayList<>(parts.length);
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            int[] s = parts[p].shape();
            boolean fits = s.length == first.length;
            for (int d = 0; fits && d < s.length; d++) fits = d == a || s[d] == first[d];
            if (!fits)
                throw new ShapeException("concat: tensor " + p + " has shape " + Shapes.str(s) + ", which does not fit "
                        + Shapes.str(first) + " (all dimensions but axis " + a + " must match)");
            shapes[p] = s;
            lens[p] = s[a];
            buffers.add(parts[p].buffer());
            total += s[a];
        }
        int[] joined = Lanes.resized(first, a, total);
        Lanes lanes = Lanes.around(joined, a);
        float[] out = MemoryScope.empty(Shapes.numel(joined));
        Backends.current().concat(buffers, lens, lanes.outer(), lanes.inner(), out);
        return Autograd.record(new Concat(a, shapes), Tensor.of(out, joined), parts);
    }

    /** Each piece is a strided view of g: its window of the axis in every outer block. */
    @Override protected Tensor[] vjp(Tensor g) {
        Lanes lanes = Lanes.around(g.shape(), axis);
        Tensor[] grads = new Tensor[inShapes.length];
        int offset = 0;
        for (int p = 0; p < inShapes.length; p++) {
            int len = inShapes[p][axis];
            float[] piece = MemoryScope.empty(lanes.outer() * len * lanes.inner());
            int[] gStrides = {lanes.len() * lanes.inner(), lanes.inner(), 1};
            Backends.current().copyStrided(g.buffer(), offset * lanes.inner(), gStrides, piece, new int[] {lanes.outer(), len, lanes.inner()});
            grads[p] = Tensor.of(piece, inShapes[p]);
            offset += len;
        }
        return grads;
    }

    @Override protected Tensor jvp(Tensor[] t) { return apply(axis, t); }
}
