package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per row: stable softmax into probs, the row's negative log-likelihood into
 * rowLoss[r], and into rowLoss[rows + r] 1 when the row's argmax (ties: the first) is not its label.
 * The training error count thus leaves the device with the loss, in the same copy.
 */
final class SoftmaxCrossEntropyKernel extends Kernel {
    float[] logits = new float[1];
    int[] labels = new int[1];
    float[] probs = new float[1];
    float[] rowLoss = new float[1];
    int rows, classes;

    @Override
    public void run() {
        int r = getGlobalId();
        if (r < rows) {
            int off = r * classes;
            float top = logits[off];
            int best = 0;
            for (int j = 1; j < classes; j++)
                if (logits[off + j] > top) {
                    top = logits[off + j];
                    best = j;
                }
            float z = 0f;
            for (int j = 0; j < classes; j++) z += exp(logits[off + j] - top);
            for (int j = 0; j < classes; j++) probs[off + j] = exp(logits[off + j] - top) / z;
            rowLoss[r] = top + log(z) - logits[off + labels[r]];
            rowLoss[rows + r] = best != labels[r] ? 1f : 0f;
        }
    }
}
