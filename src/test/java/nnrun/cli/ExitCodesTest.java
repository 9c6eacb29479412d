package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path the user typed wrong is a usage error (2) whichever command it was given to. */
class ExitCodesTest {
    @TempDir Path tmp;

    @Test
    void aMissingRunFolderExitsTwoInEveryCommandAndSaysSo() {
        Path nope = tmp.resolve("nope");
        for (String[] command : new String[][] {{"eval"}, {"resume"}, {"compare"}, {"plot"}, {"compare", "--error-table"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = nope.toString();
            var r = CliRunner.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", command) + ": " + r.err());
            assertTrue(r.err().startsWith("error: " + nope + " does not exist; pass a run folder such as runs/"), r.err());
        }
    }

    @Test
    void aFolderThatIsNoRunExitsTwoForEvalAndResume() throws Exception {
        Path notARun = Files.createDirectories(tmp.resolve("photos"));
        for (String command : new String[] {"eval", "resume"}) {
            var r = CliRunner.run(command, notARun.toString());
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("error: " + notARun + " has no config.yaml, so it is not an nnrun run folder"), r.err());
        }
    }

    @Test
    void aMissingFileIsNotReportedAsUnwritable() {
        assertTrue(ErrorReporter.message(new NoSuchFileException("runs/x/metrics.csv")).startsWith("no such file: runs/x/metrics.csv"));
    }
}
