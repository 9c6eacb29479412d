package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** y[r·cols + j] = row[j]: a bias copied into every row of a batch. */
final class FillRowsKernel extends Kernel {
    float[] row = new float[1];
    float[] y = new float[1];
    int total, cols;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < total) y[i] = row[i % cols];
    }
}
