package nnrun.backend.opencl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kernel that cannot run on the device is refused loudly (one that computes a wrong answer fails
 * the self-check: SelfCheckTest). Aparapi's
 * own launcher would run an untranslatable kernel in a Java thread pool without a word; nnrun only
 * ever launches Aparapi's OpenCL translation, so there is no such path to fall into.
 */
class FallbackDetectionTest {

    @Test
    void anUntranslatableKernelIsRefusedWithAparapisReason() {
        try (OpenClContext cl = PoclDevice.context()) {
            KernelFallbackException e = assertThrows(KernelFallbackException.class,
                    () -> new TranslatedKernel<>(cl, new DeviceMemory(cl), new SwitchingKernel()));
            assertTrue(e.getMessage().startsWith("Aparapi cannot translate SwitchingKernel to OpenCL: "), e.getMessage());
            assertTrue(e.getMessage().contains("switch"), e.getMessage());
        }
    }

    @Test
    void aTranslatedKernelRunsOnTheDeviceAndItsResultComesFromThere() {
        try (OpenClContext cl = PoclDevice.context()) {
            DeviceMemory memory = new DeviceMemory(cl);
            TranslatedKernel<AxpyKernel> axpy = new TranslatedKernel<>(cl, memory, new AxpyKernel());
            float[] x = {1f, 2f, 3f}, y = {10f, 20f, 30f};
            axpy.fields.n = 3; axpy.fields.alpha = 2f; axpy.fields.x = x; axpy.fields.y = y;
            axpy.run(3);
            assertEquals(10f, y[0], "the host array is untouched until it is fetched: the kernel ran elsewhere");
            memory.toHost(y);
            assertEquals(12f, y[0]);
            assertEquals(36f, y[2]);
            cl.settle();
            assertEquals(1, cl.stats.snapshot().launches());
        }
    }
}
