package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnrun.run.Checkpoint;
import nnrun.run.RunSummary;

/**
 * What a scheduler sends before it kills a job (SIGTERM at Slurm's time limit and on preemption,
 * SIGUSR1 with --signal, SIGHUP when a terminal closes) is handled like Ctrl-C: the batch
 * finishes, last.ckpt is saved, summary.json says interrupted, and the exit code is the shell's
 * 128 + signal; resume then finishes the run. (Ctrl-C itself, bit for bit: ResumeCommandTest.)
 */
class SignalsTest {
    @TempDir Path tmp;

    @ParameterizedTest
    @CsvSource({"TERM, 143", "USR1, 138", "HUP, 129"})
    void theSignalSavesACheckpointAndExitsWith128PlusItsNumber(String signal, int exitCode) throws Exception {
        Path runs = tmp.resolve("runs");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "nnrun.cli.Main", "configs/demo_spirals.yaml", "--set", "train.epochs=400", "--device", "java", "--runs-dir",
                runs.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path run = null;
        for (int i = 0; i < 600 && run == null; i++) { // until the child has trained a few epochs (at most 60 s)
            Thread.sleep(100);
            try (Stream<Path> s = Files.exists(runs) ? Files.list(runs) : Stream.empty()) {
                Path r = s.findFirst().orElse(null);
                if (r != null && Files.exists(r.resolve("metrics.csv")) && Files.readAllLines(r.resolve("metrics.csv")).size() > 6) run = r;
            }
        }
        assertNotNull(run, "the child run started: " + Files.readString(tmp.resolve("child.log")));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stops after SIG" + signal);
        String log = Files.readString(tmp.resolve("child.log"));
        assertEquals(exitCode, p.exitValue(), log);
        assertTrue(log.contains("SIG" + signal + ": stopped at epoch"), log);
        RunSummary summary = RunSummary.read(run.resolve("summary.json"));
        assertEquals("interrupted", summary.status());
        assertTrue(summary.message().startsWith("SIG" + signal), summary.message());
        int stoppedAt = Checkpoint.read(run.resolve("checkpoints/last.ckpt")).state().epoch();
        assertTrue(stoppedAt < 400, "stopped at epoch " + stoppedAt);
        assertFalse(Files.exists(run.resolve("run.lock")));

        var resumed = CliRunner.run("resume", run.toString(), "--epochs", Integer.toString(stoppedAt + 2));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals("completed", RunSummary.read(run.resolve("summary.json")).status());
    }
}
