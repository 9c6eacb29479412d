package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/** x where x > 0, else slope·x; saves x. VJP: g where x > 0, else slope·g. */
public final class LeakyRelu extends Node {
    private Saved x;
    private final float slope;

    private LeakyRelu(Tensor x, float slope) { this.x = save(x); this.slope = slope; }

    public static Tensor apply(Tensor x, float slope) {
        float[] y = MemoryScope.empty(x.numel());
        Backends.current().leakyRelu(slope, x.buffer(), y, y.length);
        return Autograd.record(new LeakyRelu(x, slope), Tensor.of(y, x.shape()), x);
    }

    private Tensor gate(Tensor g) {
        float[] out = MemoryScope.empty(g.numel());
        Backends.current().leakyReluBackward(slope, x.get().buffer(), g.buffer(), out, out.length);
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {gate(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return gate(t[0]); }

    @Override protected void releaseSaved() { x = null; }
}
