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
 * Matrix product: [m,k]·[k,n], or batched [B,m,k]·[B,k,n] (either side may be a single 2-D
 * matrix shared across the batch). VJP: dA = g·Bᵀ and dB = Aᵀ·g, computed by the backend's GEMM
 * with transpose flags, never by materializing a transpose; a shared side sums over the batch.
 */
public final class MatMul extends Node {
    private Saved a, b;
    private final int batch, m, k, n;

    private MatMul(Tensor a, Tensor b, int batch, int m, int k, int n) {
        this.a = save(a);
        this.b = save(b);
        this.batch = batch; this.m = m; this.k = k; this.n = n;
    }

    public static Tensor apply(Tensor a, Tensor b) {
        int ra = a.rank(), rb = b.rank();
        if (ra < 2 || ra > 3 || rb < 2 || rb > 3)
            throw new ShapeException("matmul: expects 2-D or 3-D tensors, got " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape()));
        int m = a.dim(-2), k = a.dim(-1), kb = b.dim(-2), n = b.dim(-1);
        int batchA = ra == 3 ? a.dim(0) : 1, batchB = rb == 3 ? b.dim(0) : 1;
        if (k != kb || (ra == 3 && rb == 3 && batchA != batchB))
            throw new ShapeException("matmul: shapes " + Shapes.str(a.shape()) + " and " + Shapes.str(b.shape())
                    + " do not fit (inner dimensions " + k + " vs " + kb + (ra == 3 && rb == 3 ? ", batches " + batchA + " vs " + batchB : "") + ")");
        if (ra == 3 && rb == 2) // one big GEMM beats B small ones: fold the batch into the rows
            return apply(a.reshape(batchA * m, k), b).reshape(batchA, m, n);
        int batch = Math.max(batchA, batchB);
        float[] out = MemoryScope.floats(batch * m * n);
        int sa = ra == 3 ? m * k : 0, sb = rb == 3 ? k * n : 0;
        Backend be = Backends.current();
        for (int i = 0; i < batch; i++)
            be.gemm(false, false, m, n, k, 1f, a.buffer(), i * sa, k, b.buffer(), i * sb, n, 0f, out, i * m * n, n);
        Tensor y = batch == 1 && ra == 2 && rb == 2 ? Tensor.of(out, m, n) : Tensor.of(out, batch, m, n);
        return Autograd.record(new MatMul(a, b, batch, m, k, n), y, a, b);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        Tensor av = a.get(), bv = b.get();
        Backend be = Backends.current();
        int sa = av.rank() == 3 ? m * k : 0, sb = bv.rank() == 3 ? k * n : 0;
        float[] da = MemoryScope.floats(av.numel()), db = MemoryScope.floats(bv.numel());
        for (int i = 0; i < batch; i++) {
            // A shared across the batch (stride 0) accumulates: beta = 1 after the first item.
            be.gemm(false, true, m, k, n, 1f, g.buffer(), i * m * n, n, bv.buffer(), i * sb, n,
                    sa == 0 && i > 0 ? 1f : 0f, da, i * sa, k);
            be.gemm(true, false, k, n, m, 1f, av.buffer(), i * sa, k, g.buffer(), i * m * n, n,
                    sb == 0 && i > 0 ? 1f : 0f, db, i * sb, n);
        }
        return new Tensor[] {Tensor.of(da, av.shape()), Tensor.of(db, bv.shape())};
    }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].matmul(b.get()).add(a.get().matmul(t[1])); }

    @Override protected void releaseSaved() { a = b = null; }
}
