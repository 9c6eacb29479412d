package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.PoolGeometry;

/**
 * Max over each window of x [N,C,H,W]. Saves the flat index each window chose. VJP: each output
 * gradient goes to its window's argmax. JVP: the tangent at the argmax.
 */
public final class MaxPool2dOp extends Node {
    private int[] argmax;
    private final PoolGeometry geometry;

    private MaxPool2dOp(int[] argmax, PoolGeometry geometry) { this.argmax = argmax; this.geometry = geometry; }

    /** The pooling geometry for an input of shape [N,C,H,W]; kernel, stride and pad are {vertical, horizontal}. */
    public static PoolGeometry geometry(String op, int[] x, int[] kernel, int[] stride, int[] pad) {
        if (x.length != 4) throw new ShapeException(op + ": expects input [N,C,H,W], got " + Shapes.str(x));
        return new PoolGeometry(x[0], x[1], x[2], x[3], kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1]);
    }

    public static Tensor apply(Tensor x, int[] kernel, int[] stride, int[] pad) {
        PoolGeometry g = geometry("max_pool2d", x.shape(), kernel, stride, pad);
        float[] y = MemoryScope.empty(g.outputSize());
        int[] argmax = MemoryScope.emptyIndices(g.outputSize());
        Backends.current().maxPool2dForward(g, x.buffer(), y, argmax);
        return Autograd.record(new MaxPool2dOp(argmax, g), Tensor.of(y, g.n(), g.c(), g.outH(), g.outW()), x);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        float[] dx = MemoryScope.empty(geometry.inputSize());
        Backends.current().maxPool2dBackward(geometry, g.buffer(), argmax, dx);
        return new Tensor[] {Tensor.of(dx, geometry.n(), geometry.c(), geometry.h(), geometry.w())};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        Backends.current().toHost(argmax);
        float[] tx = t[0].data(), ty = MemoryScope.floats(argmax.length);
        for (int o = 0; o < ty.length; o++) ty[o] = tx[argmax[o]];
        return Tensor.of(ty, geometry.n(), geometry.c(), geometry.outH(), geometry.outW());
    }

    @Override protected void releaseSaved() { argmax = null; }
}
