package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Runs on any CPU: 256-bit vectors exist everywhere the Vector API does, only their speed differs. */
class NarrowStripTransposeTest {

    @Test
    void columnsOfEightRowsBecomeRunsOfEightAtThePitch() {
        int ld = 29, cols = 21, pitch = 16, offset = 5; // two full 8-column blocks and a ragged 5
        float[] src = new float[offset + 8 * ld];
        for (int i = 0; i < src.length; i++) src[i] = i;
        float[] dst = new float[3 + cols * pitch];
        NarrowStripTranspose.transpose(src, offset, ld, cols, dst, 3, pitch);
        for (int q = 0; q < cols; q++)
            for (int r = 0; r < 8; r++)
                assertEquals(src[offset + r * ld + q], dst[3 + q * pitch + r], "row " + r + ", column " + q);
    }
}
