package nnrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** `nnrun selfcheck`: one line per kernel, a verdict per backend, exit 0 only when every kernel agrees. */
class SelfcheckCommandTest {

    @Test
    void theJavaBackendPassesEveryKernelOneLineEach() {
        var r = CliRunner.run("selfcheck", "--device", "java", "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("selfcheck: Java Vector API"), r.out());
        assertTrue(r.out().contains("2 threads"), r.out());
        assertTrue(r.out().matches("(?s).*\n  pass  gemm transA=false transB=false +max error .* of tolerance +[0-9.]+ ms\n.*"), r.out());
        assertTrue(r.out().contains("  pass  sgdUpdate lr 0.1 momentum 0.9 dampening 0.1 weight decay 0.01 nesterov"), r.out());
        assertEquals(95, r.out().lines().filter(l -> l.startsWith("  pass  ")).count(), r.out());
        assertTrue(r.out().endsWith("selfcheck: java: all 95 kernels agree with the reference\n"), r.out());
        assertTrue(!r.out().contains("opencl"), "--device java checks java only: " + r.out());
    }

    @Test
    void anUnknownDeviceIsAUsageError() {
        var r = CliRunner.run("selfcheck", "--device", "cuda");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--device: unknown device 'cuda'; use one of auto, java, opencl"), r.err());
    }
}
