package nnrun.ops;

import nnrun.autodiff.Autograd;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Node;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * The slides' logistic loss, mean over elements of log(1 + exp(−y·z)) = −log σ(y·z), for scores
 * z and labels y = ±1 of the same shape. Computed as max(u, 0) + log1p(exp(−|u|)) with u = −y·z,
 * so it is finite for any finite score (the naive form overflows for u > 88 in float32).
 * Saves z and the labels. VJP: ∂/∂z = −y·σ(−y·z)/n; the labels get no gradient. Both are fused
 * backend kernels; only the loss comes back.
 */
public final class LogisticLossOp extends Node {
    private Saved z;
    private float[] labels;

    private LogisticLossOp(Tensor z, float[] labels) { this.z = save(z); this.labels = labels; }

    public static Tensor apply(Tensor z, Tensor labels) {
        if (!java.util.Arrays.equals(z.shape(), labels.shape()))
            throw new ShapeException("logistic_loss: scores of shape " + Shapes.str(z.shape()) + " and labels of shape "
                    + Shapes.str(labels.shape()) + " must have the same shape");
        float[] given = labels.data(); // given data, checked here
        for (int k = 0; k < given.length; k++)
            if (given[k] != 1f && given[k] != -1f)
                throw new IllegalArgumentException("logistic_loss: label " + given[k] + " at flat position " + k
                        + " is not +1 or -1 (for 0/1 labels use 2·y − 1)");
        if (given.length == 0) throw new ShapeException("logistic_loss: no scores, so the mean is undefined");
        float[] y = MemoryScope.empty(given.length); // one copy for the forward and the VJP, so a device uploads it once
        System.arraycopy(given, 0, y, 0, y.length);
        double total = Backends.current().logisticLoss(z.buffer(), y, y.length);
        return Autograd.record(new LogisticLossOp(z, y), Tensor.scalar((float) (total / y.length)), z);
    }

    /** ∂L/∂z_k = −y_k·σ(−y_k·z_k)/n. */
    private Tensor slope() {
        float[] d = MemoryScope.empty(labels.length);
        Backends.current().logisticLossBackward(z.get().buffer(), labels, labels.length, 1f / labels.length, d);
        return Tensor.of(d, z.get().shape());
    }

    @Override protected Tensor[] vjp(Tensor g) { return new Tensor[] {slope().mul(g)}; }

    @Override protected Tensor jvp(Tensor[] t) { return slope().mul(t[0]).sum(); }

    @Override protected void releaseSaved() { z = null; labels = null; }
}
