package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** out[o] = w[o] != 0 ? a : b, with a and b read through per-axis strides (rank &gt; 0) as in {@link BinaryKernel}. */
final class WhereKernel extends Kernel {
    float[] w = new float[1];
    float[] a = new float[1];
    float[] b = new float[1];
    float[] out = new float[1];
    int[] aStrides = new int[1];
    int[] bStrides = new int[1];
    int[] outShape = new int[1];
    int n, rank;

    @Override
    public void run() {
        int o = getGlobalId();
        if (o < n) {
            int ai = 0;
            int bi = 0;
            int rest = o;
            for (int d = rank - 1; d >= 0; d--) {
                int idx = rest % outShape[d];
                rest = rest / outShape[d];
                ai += idx * aStrides[d];
                bi += idx * bStrides[d];
            }
            out[o] = w[o] != 0f ? a[ai] : b[bi];
        }
    }
}
