package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per row: stable softmax into probs, the row's negative log-likelihood into
 * rowLoss[r] (with label smoothing ε, of the targets (1 − ε)·onehot + ε/classes), and into
 * rowLoss[rows + r] 1 when the row's argmax (ties: the first) is not its label.
 * The training error count thus leaves the device with the loss, in the same copy.
 */
final class SoftmaxCrossEntropyKernel extends Kernel {
    float[] logits = new float[1];
    int[] labels = new int[1];
    float[] probs = new float[1];
    float[] rowLoss = new float[1];
    int rows, classes;
    float smoothing;

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
            float logZ = top + log(z);
            float loss = logZ - logits[off + labels[r]];
            if (smoothing != 0f) { // without smoothing, ε·Σ(−log p) would be 0·∞ for a logit of −∞
                float spread = 0f;
                for (int j = 0; j < classes; j++) spread += logZ - logits[off + j];
                loss = (1f - smoothing) * loss + smoothing / classes * spread;
            }
            rowLoss[r] = loss;
            rowLoss[rows + r] = best != labels[r] ? 1f : 0f;
        }
    }
}
