package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.PoolGeometry;

/**
 * Mean over each window of x [N,C,H,W], padding counted as zeros (PyTorch's default). Linear,
 * so it saves nothing: the VJP spreads each output gradient evenly over its window and the JVP
 * pools the tangent.
 */
public final class AvgPool2dOp extends Node {
    private final PoolGeometry geometry;

    private AvgPool2dOp(PoolGeometry geometry) { this.geometry = geometry; }

    public static Tensor apply(Tensor x, int[] kernel, int[] stride, int[] pad) {
        PoolGeometry g = MaxPool2dOp.geometry("avg_pool2d", x.shape(), kernel, stride, pad);
        return Autograd.record(new AvgPool2dOp(g), pool(g, x), x);
    }

    private static Tensor pool(PoolGeometry g, Tensor x) {
        float[] y = MemoryScope.empty(g.outputSize());
        Backends.current().avgPool2dForward(g, x.buffer(), y);
        return Tensor.of(y, g.n(), g.c(), g.outH(), g.outW());
    }

    @Override protected Tensor[] vjp(Tensor g) {
        float[] dx = MemoryScope.empty(geometry.inputSize());
        Backends.current().avgPool2dBackward(geometry, g.buffer(), dx);
        return new Tensor[] {Tensor.of(dx, geometry.n(), geometry.c(), geometry.h(), geometry.w())};
    }

    @Override protected Tensor jvp(Tensor[] t) { return pool(geometry, t[0]); }
}
