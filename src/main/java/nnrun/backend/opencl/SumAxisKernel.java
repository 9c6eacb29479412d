package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** Views x as outer×len×inner; one work-item per (outer, inner) pair sums over len. */
final class SumAxisKernel extends Kernel {
    float[] x = new float[1];
    float[] out = new float[1];
    int outer, len, inner;

    @Override
    public void run() {
        int gid = getGlobalId();
        if (gid < outer * inner) {
            int o = gid / inner;
            int i = gid % inner;
            float acc = 0f;
            for (int j = 0; j < len; j++) acc += x[(o * len + j) * inner + i];
            out[gid] = acc;
        }
    }
}
