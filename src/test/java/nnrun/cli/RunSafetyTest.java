package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.run.Checkpoint;
import nnrun.run.RunSummary;

/**
 * What keeps a run folder one run (#14): resume refuses an edited config and a second writer,
 * --epochs extends a run on purpose, and train --run-dir starts, continues or finds it done.
 */
class RunSafetyTest {
    @TempDir Path tmp;

    private Path trainTwoEpochs() throws Exception {
        Path runs = tmp.resolve("runs");
        var r = CliRunner.run("configs/demo_spirals.yaml", "--set", "train.epochs=2", "--device", "java", "--runs-dir", runs.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void resumeRefusesAConfigEditedSinceTheCheckpointNamingTheKey() throws Exception {
        Path run = trainTwoEpochs();
        Path config = run.resolve("config.yaml");
        String saved = Files.readString(config);
        Files.writeString(config, saved.replace("lr: 0.01", "lr: 0.1"));
        var r = CliRunner.run("resume", run.toString(), "--epochs", "3");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("optimizer.lr: 0.01 → 0.1"), r.err());
        assertTrue(r.err().contains("differs from the one " + run.resolve("checkpoints/last.ckpt") + " was trained with"), r.err());
        assertEquals(2, Checkpoint.read(run.resolve("checkpoints/last.ckpt")).state().epoch(), "nothing trained");
    }

    @Test
    void resumeEpochsExtendsAFinishedRunOnPurpose() throws Exception {
        Path run = trainTwoEpochs();
        var done = CliRunner.run("resume", run.toString());
        assertEquals(2, done.exitCode(), done.err());
        assertTrue(done.err().contains("the run has already finished (2 of 2 epochs)"), done.err());
        var r = CliRunner.run("resume", run.toString(), "--epochs", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(3, RunSummary.read(run.resolve("summary.json")).epochs());
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("epochs: 3"), "config.yaml says what the run trains to");
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstLivesAndAStaleLockIsTakenOver() throws Exception {
        Path run = trainTwoEpochs();
        String host = InetAddress.getLocalHost().getHostName();
        Files.writeString(run.resolve("run.lock"), ProcessHandle.current().pid() + "@" + host + "\n"); // a live process: this JVM
        var r = CliRunner.run("resume", run.toString(), "--epochs", "3");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is in use by process " + ProcessHandle.current().pid() + " on " + host), r.err());

        long gone = new ProcessBuilder("true").start().onExit().get().pid();
        Files.writeString(run.resolve("run.lock"), gone + "@" + host + "\n"); // a run killed with -9
        var compare = CliRunner.run("compare", run.toString());
        r = CliRunner.run("resume", run.toString(), "--epochs", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(run.resolve("run.lock")), "the lock goes with the process");
        assertEquals(0, compare.exitCode(), compare.err());
    }

    @Test
    void trainWithARunDirStartsThenContinuesThenFindsItDone() throws Exception {
        Path dir = tmp.resolve("job-17");
        String[] args = {"configs/demo_spirals.yaml", "--set", "train.epochs=2", "--device", "java", "--run-dir", dir.toString()};
        var first = CliRunner.run(args);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals("completed", RunSummary.read(dir.resolve("summary.json")).status());
        var again = CliRunner.run(args); // a requeued job runs the same command
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("has already finished; nothing to do"), again.out());
        var changed = CliRunner.run("configs/demo_spirals.yaml", "--set", "train.epochs=2", "--set", "seed=1", "--run-dir", dir.toString());
        assertEquals(2, changed.exitCode(), changed.err());
        assertTrue(changed.err().contains("seed: 0 → 1"), changed.err());
    }
}
