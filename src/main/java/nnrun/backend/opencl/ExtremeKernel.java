package nnrun.backend.opencl;

import com.aparapi.Kernel;

/**
 * One work-item per lane (o, i) of x viewed as outer×len×inner: the lane's largest element (smallest = 1:
 * its smallest) into values and its position along the lane into positions; ties take the first, and
 * the first NaN ends the search, selected.
 */
final class ExtremeKernel extends Kernel {
    float[] x = new float[1];
    float[] values = new float[1];
    int[] positions = new int[1];
    int outer, len, inner, smallest;

    @Override
    public void run() {
        int lane = getGlobalId();
        if (lane < outer * inner) {
            int base = (lane / inner) * len * inner + lane % inner;
            float top = x[base];
            int at = 0;
            for (int j = 1; j < len; j++) {
                float c = x[base + j * inner];
                int beats = 0;
                if (c != c) beats = 1;
                else if (smallest == 1 && c < top) beats = 1;
                else if (smallest == 0 && c > top) beats = 1;
                if (beats == 1 && top == top) { // nothing beats a NaN already found
                    top = c;
                    at = j;
                }
            }
            values[lane] = top;
            positions[lane] = at;
        }
    }
}
