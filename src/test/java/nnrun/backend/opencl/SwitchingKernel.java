package nnrun.backend.opencl;

import com.aparapi.Kernel;

/** A kernel Aparapi cannot translate (a switch statement), so it would quietly run in Java. */
final class SwitchingKernel extends Kernel {
    float[] out = new float[4];
    int mode = 1;

    @Override
    public void run() {
        int i = getGlobalId();
        switch (mode) {
            case 1: out[i] = 1f; break;
            case 2: out[i] = 2f; break;
            default: out[i] = 3f;
        }
    }
}
