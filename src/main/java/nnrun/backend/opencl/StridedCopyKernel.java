package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per element of shape: out[outOffset + Σ i_d·outStrides[d]] = x[xOffset + Σ i_d·xStrides[d]]
 * for the index (i₀, i₁, ...) of element k in row-major order. Permutations, slices and concatenations
 * are all this copy with other strides.
 */
final class StridedCopyKernel extends Kernel {
    float[] x = new float[1];
    float[] out = new float[1];
    int[] xStrides = new int[1];
    int[] outStrides = new int[1];
    int[] shape = new int[1];
    int n, rank, xOffset, outOffset;

    @Override
    public void run() {
        int k = getGlobalId();
        if (k < n) {
            int xi = xOffset;
            int oi = outOffset;
            int rest = k;
            for (int d = rank - 1; d >= 0; d--) {
                int idx = rest % shape[d];
                rest = rest / shape[d];
                xi += idx * xStrides[d];
                oi += idx * outStrides[d];
            }
            out[oi] = x[xi];
        }
    }
}
