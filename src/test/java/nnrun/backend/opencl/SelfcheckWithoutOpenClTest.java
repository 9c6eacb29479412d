package nnrun.backend.opencl;

import nnrun.testing.ChildJvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nnrun selfcheck` where the OpenCL drivers are hidden (an empty OCL_ICD_VENDORS), in a child JVM. */
class SelfcheckWithoutOpenClTest {

    @Test
    void checkingOpenClWithoutADriverSaysWhatToInstallAndExitsFour(@TempDir Path emptyVendorDir) throws Exception {
        ChildJvm.Result run = ChildJvm.run(nnrun.cli.Main.class, Map.of("OCL_ICD_VENDORS", emptyVendorDir.toString()),
                "selfcheck", "--device", "opencl");
        assertEquals(4, run.exitCode(), run.output());
        assertTrue(run.output().contains("nnrun: opencl: "), run.output());
        assertTrue(run.output().contains("to check OpenCL, install an OpenCL"), run.output());
        assertTrue(!run.output().contains("Exception"), run.output());
    }
}
