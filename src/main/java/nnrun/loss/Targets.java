package nnrun.loss;

import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Shapes;
import nnrun.autodiff.Tensor;

/** Checks of a batch's labels against a model's outputs, and the tensors the losses build from them. */
final class Targets {
    private Targets() {}

    /** Scores [N, classes] and one label per row; the class range is checked where the labels are consumed. */
    static void requireScores(String loss, Tensor scores, int[] labels) {
        if (scores.rank() != 2)
            throw new ShapeException(loss + ": expects scores [batch, classes], got " + Shapes.str(scores.shape())
                    + "; end the model with a linear layer that has one output per class");
        if (labels.length != scores.dim(0))
            throw new ShapeException(loss + ": " + labels.length + " labels for a batch of " + scores.dim(0) + " score rows");
    }

    /** {@link #requireScores} and every label a class index in [0, classes). */
    static void requireClasses(String loss, Tensor scores, int[] labels) {
        requireScores(loss, scores, labels);
        int c = scores.dim(1);
        for (int i = 0; i < labels.length; i++)
            if (labels[i] < 0 || labels[i] >= c)
                throw new IllegalArgumentException(loss + ": label " + labels[i] + " at row " + i + " is not a class index in [0, "
                        + (c - 1) + "]; the model has " + c + " outputs");
    }

    /** One output per sample ([N] or [N, 1]) for one label each. */
    static void requireOnePerSample(String loss, Tensor output, int[] labels) {
        if (output.numel() != labels.length)
            throw new ShapeException(loss + ": output " + Shapes.str(output.shape()) + " has " + output.numel()
                    + " values for " + labels.length + " labels; end the model with linear: {out: 1}");
    }

    /** The labels as values in the output's shape, for the regression losses. */
    static Tensor values(String loss, Tensor output, int[] labels) {
        requireOnePerSample(loss, output, labels);
        float[] v = MemoryScope.floats(labels.length);
        for (int i = 0; i < v.length; i++) v[i] = labels[i];
        return Tensor.of(v, output.shape());
    }

    /** A constant [N, C] tensor with 1 at each row's class. */
    static Tensor oneHot(int[] labels, int classes) {
        float[] d = MemoryScope.floats(labels.length * classes);
        for (int i = 0; i < labels.length; i++) d[i * classes + labels[i]] = 1f;
        return Tensor.of(d, labels.length, classes);
    }
}
