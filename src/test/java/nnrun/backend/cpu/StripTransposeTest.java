package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class StripTransposeTest {

    @Test
    void columnsOfSixteenRowsBecomeRunsOfSixteenAtThePitch() {
        assumeTrue(StripTranspose.SUPPORTED, "needs 512-bit vectors");
        int ld = 53, cols = 37, pitch = 32, offset = 7; // two full 16-column blocks and a ragged 5
        float[] src = new float[offset + 16 * ld];
        for (int i = 0; i < src.length; i++) src[i] = i;
        float[] dst = new float[3 + cols * pitch];
        StripTranspose.transpose(src, offset, ld, cols, dst, 3, pitch);
        for (int q = 0; q < cols; q++)
            for (int r = 0; r < 16; r++)
                assertEquals(src[offset + r * ld + q], dst[3 + q * pitch + r], "row " + r + ", column " + q);
    }
}
