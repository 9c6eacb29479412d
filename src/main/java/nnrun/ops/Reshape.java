package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/** The same values under another shape, sharing the buffer; one dimension may be -1 (inferred). */
public final class Reshape extends Node {
    private final int[] inShape, outShape;

    private Reshape(int[] in, int[] out) { inShape = in; outShape = out; }

    public static Tensor apply(Tensor x, int... shape) {
        int[] out = resolve(x, shape);
        return Autograd.record(new Reshape(x.shape(), out), x.sharedView(out), x);
    }

    private static int[] resolve(Tensor x, int[] shape) {
        int[] out = shape.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) throw new ShapeException("reshape: only one dimension can be -1 in " + Shapes.str(shape));
                infer = i;
            } else if (out[i] < 0) {
                throw new ShapeException("reshape: invalid dimension " + out[i] + " in " + Shapes.str(shape));
            } else known *= out[i];
        }
        if (infer >= 0 && known > 0 && x.numel() % known == 0) out[infer] = x.numel() / known;
        if (Shapes.numel(out) != x.numel() || (infer >= 0 && known == 0))
            throw new ShapeException("reshape: cannot view a tensor of shape " + Shapes.str(x.shape()) + " ("
                    + x.numel() + " values) as " + Shapes.str(shape));
        return out;
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.reshape(inShape)}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].reshape(outShape); }
}
