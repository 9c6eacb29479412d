package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/** Sum of all elements, a 0-d tensor. VJP: g copied to every element (the slides' [1, 1, ..., 1]·g). */
public final class Sum extends Node {
    private final int[] inShape;

    private Sum(int[] inShape) { this.inShape = inShape; }

    public static Tensor apply(Tensor x) {
        float[] s = MemoryScope.empty(1);
        Backends.current().sumAxis(x.buffer(), 1, x.numel(), 1, s);
        return Autograd.record(new Sum(x.shape()), Tensor.of(s), x);
    }

    /** g copied to every element where g is (stride 0 along every axis): reading g.item() would bring it to the host. */
    @Override protected Tensor[] vjp(Tensor g) {
        float[] dx = MemoryScope.empty(Shapes.numel(inShape));
        Backends.current().copyStrided(g.buffer(), 0, new int[inShape.length], dx, inShape);
        return new Tensor[] {Tensor.of(dx, inShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].sum(); }
}
