package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.Relation;

/**
 * where(mask, a, b): a where the mask is nonzero, else b; mask, a and b broadcast together.
 * The mask is data, not a variable: it gets no gradient. Saves a copy of the expanded mask as
 * weights w (1 picks a, 0 picks b). VJP: g·w for a and g·(1 − w) for b, summed over broadcast axes.
 *
 * <p>Elementwise {@link Maximum} and {@link Minimum} are the same node with weights from a
 * comparison (ties weigh ½ each, so the gradient is split between equal operands).
 */
public final class Where extends Node {
    private final String opName;
    private Tensor weightOfA; // a private copy: nothing else can change it
    private final int[] aShape, bShape;

    private Where(String opName, Tensor weightOfA, int[] aShape, int[] bShape) {
        this.opName = opName; this.weightOfA = weightOfA; this.aShape = aShape; this.bShape = bShape;
    }

    public static Tensor apply(Tensor mask, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", mask.shape(), a.shape()), b.shape());
        return blend("Where", Compare.over(shape, Relation.NOT_EQUAL, mask, Tensor.scalar(0f)), a, b);
    }

    /** w·a + (1 − w)·b in value (a where w ≠ 0, so infinities in the unpicked side never leak), recorded as `opName`. */
    static Tensor blend(String opName, Tensor weightOfA, Tensor a, Tensor b) {
        int[] shape = weightOfA.shape();
        float[] out = MemoryScope.empty(weightOfA.numel());
        Backends.current().where(weightOfA.buffer(), a.buffer(), Shapes.broadcastStrides(a.shape(), shape),
                b.buffer(), Shapes.broadcastStrides(b.shape(), shape), out, shape);
        return Autograd.record(new Where(opName, weightOfA, a.shape(), b.shape()), Tensor.of(out, shape), a, b);
    }

    private Tensor weightOfB() { return Tensor.scalar(1f).sub(weightOfA); }

    @Override protected Tensor[] vjp(Tensor g) {
        return new Tensor[] {
            Primitives.reduceTo(g.mul(weightOfA), aShape),
            Primitives.reduceTo(g.mul(weightOfB()), bShape)};
    }

    @Override protected Tensor jvp(Tensor[] t) { return t[0].mul(weightOfA).add(t[1].mul(weightOfB())); }

    @Override public String name() { return opName + "Backward"; }

    @Override protected void releaseSaved() { weightOfA = null; }
}
