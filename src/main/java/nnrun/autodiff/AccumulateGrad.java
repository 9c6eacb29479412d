package nnrun.autodiff;

/** The sink for a leaf tensor: adds incoming gradients into the leaf's {@code grad}. */
final class AccumulateGrad extends Node {
    final Tensor leaf;

    AccumulateGrad(Tensor leaf) {
        this.leaf = leaf;
        this.next = new Node[0];
        this.inputShapes = new int[0][];
    }

    void accumulate(Tensor g) {
        if (leaf.grad == null) leaf.grad = g.takeUnshared() ? g : g.detachedCopy();
        else leaf.grad.addInPlace(g);
    }

    @Override protected Tensor[] vjp(Tensor grad) { accumulate(grad); return new Tensor[0]; }

    @Override protected Tensor jvp(Tensor[] tangents) { throw new UnsupportedOperationException(); }

    @Override public String name() { return "AccumulateGrad"; }
}
