package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** y[i] = f(x[i]); f is chosen by an int opcode because Aparapi cannot translate enums or switch. */
final class UnaryKernel extends Kernel {
    static final int NEG = 0, EXP = 1, LOG = 2, SQRT = 3, ABS = 4, SIN = 5, COS = 6, TANH = 7, SIGMOID = 8, RELU = 9, SIGN = 10;

    float[] x = new float[1];
    float[] y = new float[1];
    int n;
    int op;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            float v = x[i];
            float r = 0f;
            if (op == NEG) r = -v;
            else if (op == EXP) r = exp(v);
            else if (op == LOG) r = log(v);
            else if (op == SQRT) r = sqrt(v);
            else if (op == ABS) r = abs(v);
            else if (op == SIN) r = sin(v);
            else if (op == COS) r = cos(v);
            else if (op == TANH) r = tanh(v);
            else if (op == SIGMOID) {
                if (v >= 0f) r = 1f / (1f + exp(-v));
                else r = exp(v) / (1f + exp(v));
            } else if (op == RELU) r = v > 0f ? v : 0f;
            else if (op == SIGN) r = v > 0f ? 1f : v < 0f ? -1f : v; // v itself keeps ±0 and NaN, as Math.signum
            y[i] = r;
        }
    }
}
