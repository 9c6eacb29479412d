package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * out = relation(a, b) elementwise through per-axis strides (rank &gt; 0) as in {@link BinaryKernel}:
 * 1 or 0, and for the preferences of a max or min ½ on ties with a NaN preferred.
 */
final class CompareKernel extends Kernel {
    static final int GREATER = 0, LESS = 1, NOT_EQUAL = 2, PREFERS_LARGER = 3, PREFERS_SMALLER = 4;

    float[] a = new float[1];
    float[] b = new float[1];
    float[] out = new float[1];
    int[] aStrides = new int[1];
    int[] bStrides = new int[1];
    int[] outShape = new int[1];
    int n, rank, op;

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
            float x = a[ai];
            float y = b[bi];
            float r = 0f;
            if (op == GREATER) r = x > y ? 1f : 0f;
            else if (op == LESS) r = x < y ? 1f : 0f;
            else if (op == NOT_EQUAL) r = x != y ? 1f : 0f;
            else if (x != x) r = 1f;
            else if (y != y) r = 0f;
            else if (x == y) r = 0.5f;
            else if (op == PREFERS_LARGER) r = x > y ? 1f : 0f;
            else r = x < y ? 1f : 0f;
            out[o] = r;
        }
    }
}
