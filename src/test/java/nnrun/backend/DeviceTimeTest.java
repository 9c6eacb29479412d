package nnrun.backend;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Device time per interval, split by kernel, as `nnrun bench --device opencl` prints it. */
class DeviceTimeTest {
    private static DeviceTime reading(long launches, long computeNanos, Map<String, Long> kernels) {
        return new DeviceTime(launches, computeNanos, 0, 0, 0, 0, 0, 0, kernels);
    }

    @Test
    void anIntervalSubtractsEachKernelsTimeAndDropsKernelsThatDidNotRun() {
        DeviceTime before = reading(10, 9_000_000, Map.of("GemmKernel", 6_000_000L, "SgdKernel", 3_000_000L));
        DeviceTime after = reading(16, 21_000_000, Map.of("GemmKernel", 14_000_000L, "SgdKernel", 3_000_000L,
                "ConvForwardKernel", 4_000_000L));
        DeviceTime step = after.minus(before);
        assertEquals(6, step.launches());
        assertEquals(Map.of("GemmKernel", 8_000_000L, "ConvForwardKernel", 4_000_000L), step.kernelNanos());
    }

    @Test
    void theSlowestKernelsComeFirstWithTheirShareOfThePerStepTime() {
        DeviceTime twoSteps = reading(8, 20_000_000, Map.of("GemmKernel", 4_000_000L, "ConvBackwardWeightKernel", 12_000_000L,
                "SgdKernel", 2_000_000L, "ReluBackwardKernel", 2_000_000L));
        DeviceTime perStep = twoSteps.dividedBy(2);
        assertEquals("ConvBackwardWeightKernel 6.00 ms (60%), GemmKernel 2.00 ms (20%)", perStep.slowestKernels(2));
        assertEquals(4, perStep.kernelNanos().size());
    }
}
