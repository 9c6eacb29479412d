package nnrun.loss;

import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/** Checks and conversions of targets shared by the losses. */
final class Targets {
    private Targets() {}

    /** Class indices from a target tensor of N whole numbers in [0, classes), for logits [N, classes]. */
    static int[] classIndices(String loss, Tensor logits, Tensor target) {
        if (logits.rank() != 2)
            throw new ShapeException(loss + ": expects scores [batch, classes], got " + Shapes.str(logits.shape())
                    + "; end the model with a linear layer that has one output per class");
        int n = logits.dim(0), c = logits.dim(1);
        if (target.numel() != n)
            throw new ShapeException(loss + ": " + target.numel() + " targets for a batch of " + n + " score rows");
        int[] labels = new int[n];
        float[] t = target.data();
        for (int i = 0; i < n; i++) {
            if (t[i] != Math.rint(t[i]) || t[i] < 0 || t[i] >= c)
                throw new IllegalArgumentException(loss + ": target " + t[i] + " at row " + i + " is not a class index in [0, "
                        + (c - 1) + "]; the model has " + c + " outputs");
            labels[i] = (int) t[i];
        }
        return labels;
    }

    /** A constant [N, C] tensor with 1 at each row's class. */
    static Tensor oneHot(int[] labels, int classes) {
        float[] d = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) d[i * classes + labels[i]] = 1f;
        return Tensor.of(d, labels.length, classes);
    }

    /** The target viewed in the output's shape (e.g. [N] against [N, 1]); same number of values required. */
    static Tensor like(String loss, Tensor output, Tensor target) {
        if (target.numel() != output.numel())
            throw new ShapeException(loss + ": output " + Shapes.str(output.shape()) + " and target "
                    + Shapes.str(target.shape()) + " have different numbers of values");
        return Tensor.of(target.toArray(), output.shape());
    }
}
