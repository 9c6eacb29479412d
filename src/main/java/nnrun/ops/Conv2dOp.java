package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.ConvGeometry;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) of x [N,C,H,W] with w [OC,C,KH,KW] plus an
 * optional bias [OC], through the backend's conv kernels. Saves x and w. VJP: dx from
 * conv2dBackwardInput, dw and dbias from conv2dBackwardWeight. JVP: conv(tx, w) + conv(x, tw) + tb,
 * since the convolution is bilinear in (x, w).
 */
public final class Conv2dOp extends Node {
    private Saved x, w;
    private final boolean hasBias;
    private final ConvGeometry geometry;

    private Conv2dOp(Tensor x, Tensor w, boolean hasBias, ConvGeometry geometry) {
        this.x = save(x);
        this.w = save(w);
        this.hasBias = hasBias;
        this.geometry = geometry;
    }

    /** The geometry of convolving an input of shape [N,C,H,W] with a weight of shape [OC,C,KH,KW]. */
    public static ConvGeometry geometry(int[] x, int[] w, int[] stride, int[] pad, int[] dilation) {
        if (x.length != 4 || w.length != 4)
            throw new ShapeException("conv2d: expects input [N,C,H,W] and weight [OC,C,KH,KW], got "
                    + Shapes.str(x) + " and " + Shapes.str(w));
        if (x[1] != w[1])
            throw new ShapeException("conv2d: input has " + x[1] + " channels " + Shapes.str(x) + " but the weight "
                    + Shapes.str(w) + " expects " + w[1]);
        return new ConvGeometry(x[0], x[1], x[2], x[3], w[0], w[2], w[3],
                stride[0], stride[1], pad[0], pad[1], dilation[0], dilation[1]);
    }

    /** bias may be null. stride, pad and dilation are {vertical, horizontal}. */
    public static Tensor apply(Tensor x, Tensor w, Tensor bias, int[] stride, int[] pad, int[] dilation) {
        ConvGeometry g = geometry(x.shape(), w.shape(), stride, pad, dilation);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != g.outC()))
            throw new ShapeException("conv2d: bias must have shape [" + g.outC() + "], got " + Shapes.str(bias.shape()));
        float[] y = MemoryScope.empty(g.outputSize());
        Backends.current().conv2dForward(g, x.buffer(), w.buffer(), bias == null ? null : bias.buffer(), y);
        Tensor out = Tensor.of(y, g.n(), g.outC(), g.outH(), g.outW());
        Conv2dOp node = new Conv2dOp(x, w, bias != null, g);
        return bias == null ? Autograd.record(node, out, x, w) : Autograd.record(node, out, x, w, bias);
    }

    @Override protected Tensor[] vjp(Tensor g) {
        Tensor dxT = null;
        if (needsInputGrad(0)) { // not for the first layer: its input is the data
            float[] dx = MemoryScope.empty(geometry.inputSize());
            Backends.current().conv2dBackwardInput(geometry, g.buffer(), w.get().buffer(), dx);
            dxT = Tensor.of(dx, geometry.n(), geometry.c(), geometry.h(), geometry.w());
        }
        float[] dw = MemoryScope.empty(geometry.weightSize()), db = hasBias ? MemoryScope.empty(geometry.outC()) : null;
        Backends.current().conv2dBackwardWeight(geometry, x.get().buffer(), g.buffer(), dw, db);
        Tensor dwT = Tensor.ofUnshared(dw, geometry.outC(), geometry.c(), geometry.kh(), geometry.kw());
        return hasBias ? new Tensor[] {dxT, dwT, Tensor.ofUnshared(db, geometry.outC())} : new Tensor[] {dxT, dwT};
    }

    @Override protected Tensor jvp(Tensor[] t) {
        int[] stride = {geometry.strideH(), geometry.strideW()}, pad = {geometry.padH(), geometry.padW()};
        int[] dil = {geometry.dilH(), geometry.dilW()};
        Tensor out = apply(t[0], w.get(), hasBias ? t[2] : null, stride, pad, dil);
        return out.add(apply(x.get(), t[1], null, stride, pad, dil));
    }

    @Override protected void releaseSaved() { x = w = null; }
}
