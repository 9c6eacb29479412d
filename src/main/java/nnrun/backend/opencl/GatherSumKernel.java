package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per element (o, j, i) of out viewed as outer×n×inner, reading x as outer×len×inner:
 * out = Σ x[o, sources[t], i] over t in [starts[j], starts[j + 1]) (summed = 1), or x[o, sources[j], i].
 * Each work-item sums its own element, so repeated indices need no atomics.
 */
final class GatherSumKernel extends Kernel {
    float[] x = new float[1];
    int[] starts = new int[1];
    int[] sources = new int[1];
    float[] out = new float[1];
    int outer, len, inner, n, summed;

    @Override
    public void run() {
        int id = getGlobalId();
        if (id < outer * n * inner) {
            int i = id % inner;
            int j = (id / inner) % n;
            int o = id / (inner * n);
            int base = o * len * inner + i;
            if (summed == 1) {
                float s = 0f;
                for (int t = starts[j]; t < starts[j + 1]; t++) s += x[base + sources[t] * inner];
                out[id] = s;
            } else {
                out[id] = x[base + sources[j] * inner];
            }
        }
    }
}
