package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * With x viewed as outer×len×inner and one position along the middle axis per lane (o, i): take (place = 0),
 * one work-item per lane, out[lane] = x[o, positions[lane], i]; place (place = 1), one work-item per
 * element of out (outer×len×inner), out[o, j, i] = x[lane] where j is the lane's position, else 0.
 */
final class AlongPositionsKernel extends Kernel {
    float[] x = new float[1];
    int[] positions = new int[1];
    float[] out = new float[1];
    int outer, len, inner, place;

    @Override
    public void run() {
        int id = getGlobalId();
        if (place == 0 && id < outer * inner) {
            out[id] = x[((id / inner) * len + positions[id]) * inner + id % inner];
        } else if (place == 1 && id < outer * len * inner) {
            int i = id % inner;
            int j = (id / inner) % len;
            int lane = (id / (inner * len)) * inner + i;
            out[id] = positions[lane] == j ? x[lane] : 0f;
        }
    }
}
