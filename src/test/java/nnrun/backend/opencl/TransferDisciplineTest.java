package nnrun.backend.opencl;

import nnrun.backend.DeviceTime;

import nnrun.backend.PoolGeometry;
import nnrun.backend.Unary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Buffers stay on the device between kernels: data crosses only when the host has newer values or
 * asks for them. The device buffers here are the device's own memory (not the Java arrays), so a
 * missing copy shows up as a wrong value, and the copies are counted too.
 */
class TransferDisciplineTest {
    private static OpenClBackend cl;
    private static volatile byte[] garbage;

    /** Per test, not @BeforeAll: a skipped @BeforeAll hides the tests and the reason from Maven's report. */
    @BeforeEach
    void openTheSharedDevice() {
        cl = PoclDevice.backend();
    }

    @Test
    void gemmUploadsBothOperandsAndLeavesItsResultOnTheDevice() {
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = new float[4];
        DeviceTime before = cl.stats();
        cl.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        DeviceTime step = cl.stats().minus(before);
        assertEquals(2, step.uploads(), "a and b go up; C is overwritten whole, so its old contents need not");
        assertEquals(0, step.downloads(), "C stays on the device until someone asks for it");
        assertEquals(1, step.launches());
        assertEquals(4L * 8, step.bytesToDevice());
        assertTrue(cl.onDeviceOnly(c));
        assertArrayEquals(new float[4], c, "the host copy is not written behind the host's back");

        cl.toHost(c);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        assertEquals(1, cl.stats().minus(before).downloads());
        assertFalse(cl.onDeviceOnly(c));
    }

    @Test
    void deviceTimeIsSplitByKernelAndTheSplitAddsUpToTheComputeTime() {
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = new float[4], d = new float[4];
        DeviceTime before = cl.stats();
        cl.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
        cl.unary(Unary.RELU, c, d, 4);
        cl.unary(Unary.NEG, d, c, 4);
        DeviceTime step = cl.stats().minus(before);
        assertEquals(java.util.Set.of("GemmKernel", "UnaryKernel"), step.kernelNanos().keySet());
        assertEquals(step.computeNanos(), step.kernelNanos().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void oneKernelsOutputFeedsTheNextWithoutACopy() {
        float[] x = {-1f, 2f, -3f, 4f}, y = new float[4], z = new float[4];
        DeviceTime before = cl.stats();
        cl.unary(Unary.RELU, x, y, 4);
        cl.unary(Unary.NEG, y, z, 4);
        cl.axpy(4, 2f, y, z); // z = -relu(x) + 2·relu(x)
        DeviceTime step = cl.stats().minus(before);
        assertEquals(1, step.uploads(), "only x, the one array the host wrote");
        assertEquals(0, step.downloads());
        assertEquals(3, step.launches());
        cl.toHost(z);
        assertArrayEquals(new float[] {0f, 2f, 0f, 4f}, z);
    }

    @Test
    void valuesTheHostWritesAreUploadedAgain() {
        float[] x = {1f, 2f}, y = new float[2];
        cl.unary(Unary.NEG, x, y, 2);
        cl.hostWrites(y); // brings y's device values back: the host writes only y[0]
        y[0] = 10f;
        float[] z = new float[2];
        DeviceTime before = cl.stats();
        cl.unary(Unary.NEG, y, z, 2);
        assertEquals(1, cl.stats().minus(before).uploads());
        cl.toHost(z);
        assertArrayEquals(new float[] {-10f, 2f}, z);
    }

    @Test
    void valuesTheHostOnlyReadStayValidOnTheDevice() {
        float[] x = {1f, 2f}, y = new float[2];
        cl.unary(Unary.NEG, x, y, 2);
        DeviceTime before = cl.stats();
        cl.toHost(y);
        assertArrayEquals(new float[] {-1f, -2f}, y);
        float[] z = new float[2];
        cl.unary(Unary.NEG, y, z, 2);
        DeviceTime after = cl.stats().minus(before);
        assertEquals(1, after.downloads(), "y, once");
        assertEquals(0, after.uploads(), "a read is not a write: the device's copy of y is still current");
        cl.toHost(z);
        assertArrayEquals(new float[] {1f, 2f}, z);
    }

    @Test
    void anOutputWrittenOnlyInPartIsUploadedSoItsRestSurvives() {
        float[] a = {1, 0, 0, 1}, b = {2, 3, 4, 5}, c = new float[3 * 7];
        java.util.Arrays.fill(c, 9f);
        DeviceTime before = cl.stats();
        cl.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 1, 7); // a 2×2 block inside a 3×7 buffer
        assertEquals(3, cl.stats().minus(before).uploads());
        cl.toHost(c);
        assertEquals(9f, c[0]);
        assertEquals(2f, c[1]);
        assertEquals(9f, c[3]);
        assertEquals(5f, c[9]);
        assertEquals(9f, c[20]);

        before = cl.stats();
        cl.gemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0.5f, new float[4], 0, 2); // beta ≠ 0 reads C
        assertEquals(1, cl.stats().minus(before).uploads(), "the new C; a and b are on the device already");
    }

    @Test
    void maxPoolingKeepsValuesAndArgmaxOnTheDeviceForItsBackwardPass() {
        PoolGeometry g = new PoolGeometry(1, 1, 2, 2, 2, 2, 2, 2, 0, 0);
        float[] x = {1f, 5f, 3f, 2f}, y = new float[1], dx = new float[4];
        int[] argmax = new int[1];
        DeviceTime before = cl.stats();
        cl.maxPool2dForward(g, x, y, argmax);
        cl.maxPool2dBackward(g, new float[] {7f}, argmax, dx);
        DeviceTime step = cl.stats().minus(before);
        assertEquals(2, step.uploads(), "x and dy");
        assertEquals(0, step.downloads());
        cl.toHost(dx);
        assertArrayEquals(new float[] {0f, 7f, 0f, 0f}, dx);
        cl.toHost(argmax);
        assertEquals(1, argmax[0]);
    }

    @Test
    void deviceValuesSurviveTheCollectorMovingTheirArrays() {
        // Aparapi's launcher rebuilt a moved array's device buffer from the stale host copy; device
        // buffers outside the heap do not care where the collector puts the array.
        float[][] outputs = new float[64][];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = new float[1000];
            cl.scale(1000, 0f, outputs[i]);
            cl.axpy(1000, i, new float[1000], outputs[i]);
            float[] ones = new float[1000];
            java.util.Arrays.fill(ones, 1f);
            cl.axpy(1000, i, ones, outputs[i]); // outputs[i] = i on the device, 0 on the host
        }
        for (int round = 0; round < 3; round++) {
            for (int j = 0; j < 200; j++) garbage = new byte[1 << 16];
            System.gc(); // full collections compact, moving what survives
        }
        for (int i = 0; i < outputs.length; i++) {
            assertTrue(cl.onDeviceOnly(outputs[i]));
            cl.toHost(outputs[i]);
            assertEquals(i, outputs[i][999], "array " + i);
        }
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
                cl.toHost(y);
            }
            long chunks = Runtime.getRuntime().maxMemory() / (1 << 20) + 256;
            for (long i = 0; i < chunks; i++) garbage = new byte[1 << 20]; // a volatile store: escape analysis cannot drop it
            assertEquals(1 << 20, garbage.length);
        });
    }

    @Test
    void computeAndTransferTimeAreReportedApart() {
        float[] x = new float[1 << 16], y = new float[1 << 16];
        DeviceTime before = cl.stats();
        cl.axpy(x.length, 2f, x, y);
        cl.toHost(y);
        DeviceTime step = cl.stats().minus(before);
        assertTrue(step.computeNanos() > 0, step.summary());
        assertTrue(step.transferNanos() > 0, step.summary());
        assertTrue(step.summary().startsWith("1 launches, compute "), step.summary());
        assertEquals(2, step.uploads());
        assertEquals(1, step.downloads());
        assertEquals(3L * 4 * (1 << 16), step.bytesToDevice() + step.bytesFromDevice());
    }
}
