package nnrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nnrun export`'s refusals; the exported models themselves are checked in OnnxRuntimeAgreementTest. */
class ExportCommandTest {
    @TempDir Path dir;

    @Test
    void aFolderThatIsNoRunExitsTwoAndARunWithoutCheckpointExitsThreeWritingNothing() throws Exception {
        Path onnx = dir.resolve("model.onnx");
        var notARun = CliRunner.run("export", dir.toString(), "-o", onnx.toString());
        assertEquals(2, notARun.exitCode());
        assertTrue(notARun.err().contains(dir + " has no config.yaml"), notARun.err());

        Path run = Files.createDirectories(dir.resolve("run/checkpoints")).getParent();
        Files.copy(Path.of("configs/mnist_linear.yaml"), run.resolve("config.yaml"));
        var noCheckpoint = CliRunner.run("export", run.toString(), "-o", onnx.toString());
        assertEquals(3, noCheckpoint.exitCode());
        assertTrue(noCheckpoint.err().contains("has no checkpoint"), noCheckpoint.err());
        assertFalse(Files.exists(onnx));

        var noOutput = CliRunner.run("export", run.toString());
        assertEquals(2, noOutput.exitCode());
        assertTrue(noOutput.err().contains("--output"), noOutput.err());
    }
}
