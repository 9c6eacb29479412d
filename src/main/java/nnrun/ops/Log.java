package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Unary;

/**
 * Natural log, saving x. VJP: g/x. As in IEEE 754 and PyTorch, log of a negative number is NaN
 * and log(0) is -inf; training catches non-finite losses, so no value is silently clamped here.
 */
public final class Log extends Node {
    private Saved x;

    public static Tensor apply(Tensor x) {
        Log node = new Log();
        node.x = node.save(x);
        return Autograd.record(node, Primitives.map(Unary.LOG, x), x);
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {g.div(x.get())}; }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].div(x.get()); }

    @Override protected void releaseSaved() { x = null; }
}
