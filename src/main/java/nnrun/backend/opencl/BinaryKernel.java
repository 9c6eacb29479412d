package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * out = op(a, b) elementwise, or through per-axis strides when broadcasting (rank &gt; 0). The op
 * is an int opcode because Aparapi cannot translate enums or switch. The comparisons give 1 or 0,
 * and the preferences of a max or min ½ on ties with a NaN preferred.
 */
final class BinaryKernel extends Kernel {
    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4, MIN = 5, POW = 6;
    static final int GREATER = 7, LESS = 8, NOT_EQUAL = 9, PREFERS_LARGER = 10, PREFERS_SMALLER = 11;

    float[] a = new float[1];
    float[] b = new float[1];
    float[] out = new float[1];
    int[] aStrides = new int[1];
    int[] bStrides = new int[1];
    int[] outShape = new int[1];
    int n;
    int rank;
    int op;

    @Override
    public void run() {
        int o = getGlobalId();
        if (o < n) {
            int ai = o;
            int bi = o;
            if (rank > 0) {
                ai = 0;
                bi = 0;
                int rest = o;
                for (int d = rank - 1; d >= 0; d--) {
                    int idx = rest % outShape[d];
                    rest = rest / outShape[d];
                    ai += idx * aStrides[d];
                    bi += idx * bStrides[d];
                }
            }
            float x = a[ai];
            float y = b[bi];
            float r = 0f;
            if (op == ADD) r = x + y;
            else if (op == SUB) r = x - y;
            else if (op == MUL) r = x * y;
            else if (op == DIV) r = x / y;
            else if (op == MAX) r = max(x, y);
            else if (op == MIN) r = min(x, y);
            else if (op == POW) r = pow(x, y);
            else if (op == GREATER) r = x > y ? 1f : 0f;
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
