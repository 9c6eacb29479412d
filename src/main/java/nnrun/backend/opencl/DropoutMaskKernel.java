package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** {@link nnrun.backend.DropoutMask} for one element per work-item: the mask is made where the activations are. */
final class DropoutMaskKernel extends Kernel {
    float[] mask = new float[1];
    int n, seedLo, seedHi;
    float keep, scale;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            int h = mix(i ^ seedLo);
            h = mix(h ^ seedHi);
            float u = (h >>> 8) * 5.9604645E-8f; // 2⁻²⁴
            mask[i] = u < keep ? scale : 0f;
        }
    }

    /** MurmurHash3's 32-bit finalizer, as {@link nnrun.backend.DropoutMask#mix}. */
    int mix(int h) {
        int x = h ^ (h >>> 16);
        x = x * 0x85ebca6b;
        x = x ^ (x >>> 13);
        x = x * 0xc2b2ae35;
        return x ^ (x >>> 16);
    }
}
