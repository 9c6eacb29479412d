package nnrun.backend.opencl;

import nnrun.backend.Backend;
import nnrun.backend.ReferenceBackend;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A kernel that does not really run on the device, or computes a wrong answer, is refused loudly. */
class FallbackDetectionTest {

    @Test
    void anUntranslatableKernelIsRefusedInsteadOfRunningInJava() {
        DeviceLauncher launcher = new DeviceLauncher(PoclDevice.device().handle(), new TransferStats());
        SwitchingKernel kernel = launcher.adopt(new SwitchingKernel());
        // Under test (-ea) Aparapi asserts when it falls back; the launcher turns that into this exception.
        KernelFallbackException e = assertThrows(KernelFallbackException.class, () -> launcher.run(kernel, 4));
        assertTrue(e.getMessage().startsWith("SwitchingKernel did not run on OpenCL device"), e.getMessage());
    }

    @Test
    void aSilentFallbackToJavaIsCaughtAfterTheLaunch() {
        OpenClDeviceInfo device = PoclDevice.device();
        DeviceLauncher launcher = new DeviceLauncher(device.handle(), new TransferStats());
        SwitchingKernel kernel = new SwitchingKernel();
        // A device range without a work-group size makes Aparapi fall back without any exception ...
        kernel.execute(device.handle().createRange(4));
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, kernel.out, "Aparapi ran it, in its Java thread pool");
        // ... so every launch checks where it really ran.
        KernelFallbackException e = assertThrows(KernelFallbackException.class, () -> launcher.requireRanOnDevice(kernel));
        assertTrue(e.getMessage().contains("; Aparapi ran it on Java Thread Pool instead"), e.getMessage());
    }

    @Test
    void theSelfCheckNamesAKernelThatDisagreesWithTheReference() {
        Backend offByOne = new ReferenceBackend() {
            @Override
            public void scale(int n, float alpha, float[] x) {
                super.scale(n, alpha, x);
                x[n - 1] += 1f;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SelfCheck.verify(offByOne, new ReferenceBackend()));
        assertTrue(e.getMessage().startsWith("scale: element 16 is"), e.getMessage());
    }

    @Test
    void theSelfCheckAcceptsTheReferenceItself() {
        SelfCheck.verify(new ReferenceBackend(), new ReferenceBackend());
        assertEquals("reference", new ReferenceBackend().name());
    }
}
