package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.Binary;

/** x^p for a constant exponent p, saving x. VJP: g·p·x^(p−1); for p = 0 the gradient is 0 everywhere. */
public final class Pow extends Node {
    private Saved x;
    private final float p;

    private Pow(Tensor x, float p) { this.x = save(x); this.p = p; }

    public static Tensor apply(Tensor x, float p) {
        return Autograd.record(new Pow(x, p), Primitives.zip("pow", Binary.POW, x, Tensor.scalar(p)), x);
    }

    /** g·p·x^(p−1), with 0 for p = 0 (where x^(−1) would turn 0·inf at x = 0 into NaN): a backend kernel. */
    private Tensor scaled(Tensor g) {
        float[] out = MemoryScope.empty(g.numel());
        Backends.current().powBackward(p, x.get().buffer(), g.buffer(), out, out.length);
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {scaled(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return scaled(t[0]); }

    @Override protected void releaseSaved() { x = null; }
}
