package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** One work-item per row: stable softmax into probs and that row's negative log-likelihood. */
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
            for (int j = 1; j < classes; j++) top = max(top, logits[off + j]);
            float z = 0f;
            for (int j = 0; j < classes; j++) z += exp(logits[off + j] - top);
            for (int j = 0; j < classes; j++) probs[off + j] = exp(logits[off + j] - top) / z;
            rowLoss[r] = top + log(z) - logits[off + labels[r]];
        }
    }
}
