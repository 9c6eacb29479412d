package nnrun.backend.opencl;

import nnrun.backend.PoolGeometry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PoCL shares memory with the Java arrays, so a forgotten put or get gives right answers here and
 * wrong ones on a discrete GPU. These tests count the copies each call makes instead.
 */
class TransferDisciplineTest {
    private static OpenClBackend cl;

    @BeforeAll
    static void compileKernels() {
        cl = PoclDevice.backend();
    }

    @Test
    void gemmUploadsBothOperandsAndDownloadsOnlyC() {
        float[] a = new float[8 * 4], b = new float[4 * 5], c = new float[8 * 5];
        TransferStats.Snapshot before = cl.stats();
        cl.gemm(false, false, 8, 5, 4, 1f, a, 0, 4, b, 0, 5, 0f, c, 0, 5);
        TransferStats.Snapshot step = cl.stats().minus(before);
        assertEquals(2, step.puts(), "a and b go up; C is overwritten whole, so its old contents need not");
        assertEquals(1, step.gets());
        assertEquals(1, step.launches());
        assertEquals(4L * (32 + 20), step.bytesToDevice());
        assertEquals(4L * 40, step.bytesFromDevice());
    }

    @Test
    void anOutputWrittenOnlyInPartIsUploadedSoItsRestSurvivesTheCopyBack() {
        float[] a = new float[4], b = new float[4], c = new float[3 * 7];
        TransferStats.Snapshot before = cl.stats();
        cl.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 1, 7); // a 2×2 block inside a 3×7 buffer
        assertEquals(3, cl.stats().minus(before).puts());

        before = cl.stats();
        cl.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0.5f, new float[4], 0, 2); // beta ≠ 0 reads C
        assertEquals(3, cl.stats().minus(before).puts());
    }

    @Test
    void maxPoolingDownloadsBothValuesAndArgmax() {
        PoolGeometry g = new PoolGeometry(1, 2, 4, 4, 2, 2, 2, 2, 0, 0);
        TransferStats.Snapshot before = cl.stats();
        cl.maxPool2dForward(g, new float[32], new float[8], new int[8]);
        TransferStats.Snapshot step = cl.stats().minus(before);
        assertEquals(1, step.puts());
        assertEquals(2, step.gets());
    }

    @Test
    void computeAndTransferTimeAreReportedApart() {
        float[] x = new float[1 << 16], y = new float[1 << 16];
        TransferStats.Snapshot before = cl.stats();
        cl.axpy(x.length, 2f, x, y);
        TransferStats.Snapshot step = cl.stats().minus(before);
        assertTrue(step.computeNanos() > 0, step.summary());
        assertTrue(step.transferNanos() > 0, step.summary());
        assertTrue(step.uploadsTimed(), "nnrun turns on Aparapi's profiling to time uploads: " + step.summary());
        assertTrue(step.summary().startsWith("1 launches, compute "), step.summary());
    }
}
