package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;

/**
 * y = x·Wᵀ + b for x [N, in], W [out, in] (PyTorch's layout), b [out] or none: one GEMM with a
 * transposed operand, never a transposed copy of W. VJP: dx = g·W, dW = gᵀ·x (an outer product
 * summed over the batch, the shape of W), db = Σ_rows g.
 */
public final class LinearOp extends Node {
    private Saved x, w;
    private final boolean hasBias;

    private LinearOp(Tensor x, Tensor w, boolean hasBias) {
        this.x = save(x);
        this.w = save(w);
        this.hasBias = hasBias;
    }

    /** @param bias null for no bias */
    public static Tensor apply(Tensor x, Tensor w, Tensor bias) {
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(1) || (bias != null && (bias.rank() != 1 || bias.dim(0) != w.dim(0))))
            throw new ShapeException("linear: input " + Shapes.str(x.shape()) + ", weight " + Shapes.str(w.shape())
                    + (bias == null ? "" : ", bias " + Shapes.str(bias.shape())) + " do not fit; expected [N, in], [out, in], [out]");
        int n = x.dim(0), in = x.dim(1), out = w.dim(0);
        float[] y = MemoryScope.empty(n * out);
        if (bias != null) Backends.current().fillRows(bias.buffer(), y, n, out);
        Backends.current().gemm(false, true, n, out, in, 1f, x.buffer(), 0, in, w.buffer(), 0, in,
                bias == null ? 0f : 1f, y, 0, out);
        Tensor result = Tensor.of(y, n, out);
        LinearOp node = new LinearOp(x, w, bias != null);
        return bias == null ? Autograd.record(node, result, x, w) : Autograd.record(node, result, x, w, bias);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        Tensor xv = x.get(), wv = w.get();
        int n = xv.dim(0), in = xv.dim(1), out = wv.dim(0);
        Backend be = Backends.current();
        Tensor dxT = null;
        if (needsInputGrad(0)) { // not for the first layer: its input is the data
            float[] dx = MemoryScope.empty(n * in);
            be.gemm(false, false, n, in, out, 1f, g.buffer(), 0, out, wv.buffer(), 0, in, 0f, dx, 0, in);
            dxT = Tensor.of(dx, n, in);
        }
        float[] dw = MemoryScope.empty(out * in);
        be.gemm(true, false, out, in, n, 1f, g.buffer(), 0, out, xv.buffer(), 0, in, 0f, dw, 0, in);
        Tensor[] grads = {dxT, Tensor.ofUnshared(dw, out, in), null};
        if (hasBias) {
            float[] db = MemoryScope.empty(out);
            be.sumAxis(g.buffer(), 1, n, out, db);
            grads[2] = Tensor.ofUnshared(db, out);
            return grads;
        }
        return new Tensor[] {grads[0], grads[1]};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        Tensor xv = x.get(), wv = w.get();
        Tensor y = apply(t[0], wv, null).add(apply(xv, t[1], null));
        return hasBias ? y.add(t[2]) : y;
    }

    @Override protected void releaseSaved() { x = w = null; }
}
