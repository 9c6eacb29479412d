package nnrun.backend.opencl;

import nnrun.backend.PoolGeometry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PoCL shares memory with the Java arrays, so a forgotten put or get gives right answers here and
 * wrong ones on a discrete GPU. These tests count the copies each call makes instead.
 */
class TransferDisciplineTest {
    private static OpenClBackend cl;
    private static volatile byte[] garbage;

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
    void theJvmCanStillCollectGarbageAfterManyLaunches() {
        // A JNI critical region left open by a launch stalls the next GC forever (seen with Aparapi's
        // bind() kernels), so launch, then allocate more than the heap holds, on one thread with a deadline.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            float[] x = new float[4096], y = new float[4096];
            for (int i = 0; i < 20; i++) {
                cl.gemm(false, true, 8, 8, 8, 1f, x, 0, 8, y, 0, 8, 0f, new float[64], 0, 8);
                cl.axpy(x.length, 0.5f, x, y);
            }
            long chunks = Runtime.getRuntime().maxMemory() / (1 << 20) + 256;
            for (long i = 0; i < chunks; i++) garbage = new byte[1 << 20]; // a volatile store: escape analysis cannot drop it
            assertEquals(1 << 20, garbage.length);
        });
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
