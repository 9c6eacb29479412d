package nnrun.run;

import java.util.List;

import nnrun.nn.Module;
import nnrun.nn.Sequential;
import nnrun.nn.Softmax;

/**
 * How a classifier's outputs become class probabilities. A model that ends in softmax already
 * gives them; a model with one output column scores class 1 with a logit (the logistic loss), so
 * P(1) = sigmoid(score) and P(0) = 1 − P(1); otherwise the outputs are logits and their softmax is
 * taken, which is what the cross_entropy loss trains them for.
 */
public enum ClassProbabilities {
    GIVEN_BY_MODEL, SIGMOID_OF_ONE_LOGIT, SOFTMAX_OF_LOGITS;

    public static ClassProbabilities of(Sequential model, int[] sampleShape) {
        List<Module> layers = model.layers();
        if (!layers.isEmpty() && layers.get(layers.size() - 1) instanceof Softmax) return GIVEN_BY_MODEL;
        int[] out = model.outputShape(sampleShape);
        return out.length == 1 && out[0] == 1 ? SIGMOID_OF_ONE_LOGIT : SOFTMAX_OF_LOGITS;
    }

    /** The class probabilities of row {@code row} of outputs laid out {@code columns} per row. */
    public float[] of(float[] outputs, int row, int columns) {
        int off = row * columns;
        switch (this) {
            case GIVEN_BY_MODEL -> {
                float[] p = new float[columns];
                System.arraycopy(outputs, off, p, 0, columns);
                return p;
            }
            case SIGMOID_OF_ONE_LOGIT -> {
                float p1 = (float) (1 / (1 + Math.exp(-outputs[off])));
                return new float[] {1 - p1, p1};
            }
            default -> {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < columns; j++) max = Math.max(max, outputs[off + j]);
                double sum = 0;
                double[] e = new double[columns];
                for (int j = 0; j < columns; j++) sum += e[j] = Math.exp(outputs[off + j] - max);
                float[] p = new float[columns];
                for (int j = 0; j < columns; j++) p[j] = (float) (e[j] / sum);
                return p;
            }
        }
    }
}
