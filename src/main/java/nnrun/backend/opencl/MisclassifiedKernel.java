package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** One work-item per row: wrong[r] = 1 when the row's argmax (ties: first; one column: out > 0) is not its label. */
final class MisclassifiedKernel extends Kernel {
    float[] out = new float[1];
    int[] labels = new int[1];
    float[] wrong = new float[1];
    int rows, cols;

    @Override
    public void run() {
        int r = getGlobalId();
        if (r < rows) {
            int predicted = 0;
            if (cols == 1) {
                if (out[r] > 0f) predicted = 1;
            } else {
                for (int j = 1; j < cols; j++) if (out[r * cols + j] > out[r * cols + predicted]) predicted = j;
            }
            wrong[r] = predicted != labels[r] ? 1f : 0f;
        }
    }
}
