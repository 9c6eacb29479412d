package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.backend.opencl.OpenClDiscovery;
import nnrun.backend.opencl.OpenClInventory;
import nnrun.backend.opencl.OpenClUnavailableException;

/** What `--device opencl` tells a user whose machine cannot run OpenCL. */
class DeviceErrorsTest {
    @TempDir Path runs;

    @Test
    void aMissingOpenClRuntimeIsOneLineWithTheFixNotAnExceptionName() {
        var e = new OpenClUnavailableException("--device opencl, but the OpenCL loader found no platform. To fix, install a driver");
        assertEquals(ExitCode.RUNTIME, ErrorReporter.exitCode(e));
        assertEquals(e.getMessage(), ErrorReporter.message(e));
    }

    @Test
    void onAMachineWithoutOpenClTrainingOnOpenClSaysWhatToInstallAndExitsFour() {
        OpenClInventory here = OpenClDiscovery.installed().discover();
        org.junit.jupiter.api.Assumptions.assumeTrue(here.runtimeMissing(), "this machine has OpenCL: " + here.devices());
        var r = CliRunner.run("configs/demo_spirals.yaml", "--device", "opencl", "--runs-dir", runs.toString());
        assertEquals(4, r.exitCode(), r.err());
        assertEquals("error: --device opencl, but " + here.problem() + ". To fix, " + here.fix() + ", or use --device auto or java.\n",
                r.err());
    }
}
