package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.Unary;

/** max(x, 0), saving the output. VJP: g where x > 0, else 0 (PyTorch's choice at x = 0). */
public final class Relu extends Node {
    private Saved y;

    public static Tensor apply(Tensor x) {
        Tensor y = Primitives.map(Unary.RELU, x);
        Relu node = new Relu();
        node.y = node.save(y);
        return Autograd.record(node, y, x);
    }

    /** g masked by y > 0: y > 0 exactly where x > 0. */
    private Tensor gate(Tensor g) {
        float[] out = MemoryScope.empty(g.numel());
        Backends.current().reluBackward(y.get().buffer(), g.buffer(), out, out.length);
        return Tensor.of(out, g.shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {gate(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return gate(t[0]); }

    @Override protected void releaseSaved() { y = null; }
}
