package nnrun.backend.cpu;

import java.util.Arrays;

/** A float buffer reused from call to call: it grows to the largest size asked for and never shrinks. */
final class ScratchBuffer {
    private float[] data = new float[0];

    /** The buffer, at least size long; its contents are whatever the last user left. */
    float[] atLeast(int size) {
        if (data.length < size) data = new float[size];
        return data;
    }

    /** The buffer, at least size long, with its first size values zero. */
    float[] zeroed(int size) {
        Arrays.fill(atLeast(size), 0, size, 0f);
        return data;
    }

    /** The buffer as it is, for reading what the last user wrote. */
    float[] current() { return data; }
}
