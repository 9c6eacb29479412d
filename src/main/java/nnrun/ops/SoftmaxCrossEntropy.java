package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backend;
import nnrun.backend.Backends;

/**
 * Mean over the batch of the cross-entropy −Σ_j q_j·log softmax(z)_j of logits z [N, C] against the
 * targets q = (1 − ε)·onehot(label) + ε/C (label smoothing ε, PyTorch's definition; ε = 0 gives
 * −log softmax(z)[label]), computed with the max-shift, so large logits never overflow. One fused
 * backend kernel: only the loss (and the error count) leaves a device. Saves the softmax p.
 * VJP: (p − q)·g/N.
 */
public final class SoftmaxCrossEntropy extends Node {
    private Tensor probs;
    private final int[] labels;
    private final float smoothing;

    private SoftmaxCrossEntropy(Tensor probs, int[] labels, float smoothing) {
        this.probs = probs; this.labels = labels; this.smoothing = smoothing;
    }

    public static Tensor apply(Tensor logits, int[] labels) { return apply(logits, labels, 0f); }

    /** With label smoothing ε in [0, 1). */
    public static Tensor apply(Tensor logits, int[] labels, float smoothing) {
        if (logits.rank() != 2)
            throw new ShapeException("cross_entropy: logits must be [batch, classes], got " + Shapes.str(logits.shape()));
        int n = logits.dim(0), c = logits.dim(1);
        if (labels.length != n)
            throw new ShapeException("cross_entropy: " + labels.length + " labels for " + n + " rows of logits "
                    + Shapes.str(logits.shape()));
        for (int i = 0; i < n; i++)
            if (labels[i] < 0 || labels[i] >= c)
                throw new IllegalArgumentException("cross_entropy: label " + labels[i] + " at row " + i
                        + " is outside the " + c + " classes [0, " + (c - 1) + "]");
        float[] p = MemoryScope.empty(n * c);
        int[] kept = MemoryScope.emptyIndices(n); // one copy for the forward and the VJP, so a device uploads it once
        System.arraycopy(labels, 0, kept, 0, n);
        Backend backend = Backends.current();
        double total = smoothing == 0f ? backend.softmaxCrossEntropy(logits.buffer(), kept, n, c, p)
                : backend.smoothedCrossEntropy(logits.buffer(), kept, n, c, smoothing, p);
        Tensor loss = Tensor.of(new float[] {(float) (total / n)});
        return Autograd.record(new SoftmaxCrossEntropy(Tensor.of(p, n, c), kept, smoothing), loss, logits);
    }

    /** (p - q)/N, the gradient of the mean loss with respect to the logits. */
    private Tensor dLogits(float scale) {
        int n = labels.length, c = probs.dim(1);
        float[] d = MemoryScope.empty(n * c);
        Backend backend = Backends.current();
        if (smoothing == 0f) backend.softmaxCrossEntropyBackward(probs.buffer(), labels, n, c, scale / n, d);
        else backend.smoothedCrossEntropyBackward(probs.buffer(), labels, n, c, smoothing, scale / n, d);
        return Tensor.of(d, n, c);
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {dLogits(g.item())}; }

    @Override protected Tensor jvp(Tensor[] t) { return dLogits(1f).mul(t[0]).sum(); }

    @Override protected void releaseSaved() { probs = null; }
}
