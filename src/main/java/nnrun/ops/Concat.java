package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

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
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            int[] s = parts[p].shape();
            boolean fits = s.length == first.length;
            for (int d = 0; fits && d < s.length; d++) fits = d == a || s[d] == first[d];
            if (!fits)
                throw new ShapeException("concat: tensor " + p + " has shape " + Shapes.str(s) + ", which does not fit "
                        + Shapes.str(first) + " (all dimensions but axis " + a + " must match)");
            shapes[p] = s;
            total += s[a];
        }
        float[][] data = new float[parts.length][];
        for (int p = 0; p < parts.length; p++) data[p] = parts[p].data();
        Tensor y = Tensor.of(joined(data, shapes, a, total), Lanes.resized(first, a, total));
        return Autograd.record(new Concat(a, shapes), y, parts);
    }

    private static float[] joined(float[][] data, int[][] shapes, int axis, int total) {
        Lanes outLanes = Lanes.around(Lanes.resized(shapes[0], axis, total), axis);
        float[] out = MemoryScope.floats(outLanes.outer() * total * outLanes.inner());
        int offset = 0;
        for (int p = 0; p < data.length; p++) {
            int chunk = shapes[p][axis] * outLanes.inner();
            for (int o = 0; o < outLanes.outer(); o++)
                System.arraycopy(data[p], o * chunk, out, outLanes.at(o, offset, 0), chunk);
            offset += shapes[p][axis];
        }
        return out;
    }

    @Override protected Tensor[] vjp(Tensor g) {
        Lanes outLanes = Lanes.around(g.shape(), axis);
        float[] gv = g.data();
        Tensor[] grads = new Tensor[inShapes.length];
        int offset = 0;
        for (int p = 0; p < inShapes.length; p++) {
            int chunk = inShapes[p][axis] * outLanes.inner();
            float[] piece = MemoryScope.floats(outLanes.outer() * chunk);
            for (int o = 0; o < outLanes.outer(); o++)
                System.arraycopy(gv, outLanes.at(o, offset, 0), piece, o * chunk, chunk);
            grads[p] = Tensor.of(piece, inShapes[p]);
            offset += inShapes[p][axis];
        }
        return grads;
    }

    @Override protected Tensor jvp(Tensor[] t) { return apply(axis, t); }
}
