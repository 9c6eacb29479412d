package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.autodiff.Tensor;
import nnrun.run.Checkpoint;
import nnrun.run.MetricRow;
import nnrun.run.RunSummary;

/**
 * `nnrun resume` continues a run so that it ends with bit-for-bit the weights and metrics of an
 * uninterrupted run with the same seed, whether it stopped at an epoch boundary or mid-epoch (Ctrl-C).
 */
class ResumeCommandTest {
    @TempDir Path tmp;

    /** Dropout and shuffling both draw randomness, so resuming must restore both streams exactly. */
    private static final String[] CONFIG = {"configs/demo_spirals.yaml", "--set", "train.epochs=6",
            "--set", "model.1={dropout: 0.1}", "--set", "checkpoint.keep_last=10"};

    private Path train(Path runs, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(CONFIG));
        args.addAll(List.of("--runs-dir", runs.toString()));
        args.addAll(List.of(extra));
        var r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow();
        }
    }

    private static void assertSameOutcome(Path expected, Path actual) throws Exception {
        List<MetricRow> a = MetricRow.readAll(expected.resolve("metrics.csv")), b = MetricRow.readAll(actual.resolve("metrics.csv"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).split(), b.get(i).split());
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0, "loss in row " + i);
            assertEquals(a.get(i).error(), b.get(i).error(), 0.0, "error in row " + i);
        }
        var wa = Checkpoint.read(expected.resolve("checkpoints/last.ckpt")).tensors();
        var wb = Checkpoint.read(actual.resolve("checkpoints/last.ckpt")).tensors();
        assertEquals(wa.keySet(), wb.keySet());
        for (var e : wa.entrySet()) {
            Tensor other = wb.get(e.getKey());
            assertArrayEquals(e.getValue().data(), other.data(), e.getKey() + " differs");
        }
    }

    @Test
    void resumingFromAnEpochCheckpointEndsWhereAnUninterruptedRunEnds() throws Exception {
        resumeFromEpochTwo();
    }

    @Test
    void onOpenClTooResumingEndsWhereAnUninterruptedRunEnds() throws Exception {
        // The weights and momentum live on the device there: the checkpoint must fetch them, resume put them back.
        var inventory = nnrun.backend.opencl.OpenClDiscovery.installed().discover();
        org.junit.jupiter.api.Assumptions.assumeFalse(inventory.runtimeMissing(), () -> "no OpenCL runtime: " + inventory.problem());
        resumeFromEpochTwo("--device", "opencl");
    }

    private void resumeFromEpochTwo(String... extra) throws Exception {
        Path whole = train(tmp.resolve("a"), extra);
        // A copy of the same run as it stood after epoch 2 (e.g. the machine went down during epoch 3).
        Path cut = tmp.resolve("b").resolve(whole.getFileName());
        Files.createDirectories(cut.resolve("checkpoints"));
        Files.copy(whole.resolve("config.yaml"), cut.resolve("config.yaml"));
        Files.copy(whole.resolve("metrics.csv"), cut.resolve("metrics.csv"));
        Files.copy(whole.resolve("checkpoints/epoch-0002.ckpt"), cut.resolve("checkpoints/last.ckpt"));
        Path halfWritten = cut.resolve("checkpoints/.last.ckpt4711.tmp"); // what a crash mid-write leaves
        Files.writeString(halfWritten, "partial");

        var r = CliRunner.run("resume", cut.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(halfWritten), "resume clears the temporary file of the interrupted write");
        assertTrue(r.out().contains("resuming " + cut), r.out());
        assertSameOutcome(whole, cut);
        assertEquals(extra.length == 0 ? "java" : extra[1], RunSummary.read(cut.resolve("summary.json")).device(),
                "the resumed run runs where the run ran");
    }

    @Test
    void ctrlCSavesACheckpointExits130AndResumeFinishesTheSameRun() throws Exception {
        Path whole = train(tmp.resolve("a"), "--set", "train.epochs=150");
        Path runs = tmp.resolve("b");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "nnrun.cli.Main"));
        cmd.addAll(List.of(CONFIG));
        cmd.addAll(List.of("--set", "train.epochs=150", "--runs-dir", runs.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path metrics = null;
        for (int i = 0; i < 600 && metrics == null; i++) { // until the child has finished a few epochs (at most 60 s)
            Thread.sleep(100);
            try (Stream<Path> s = Files.exists(runs) ? Files.list(runs) : Stream.empty()) {
                Path run = s.findFirst().orElse(null);
                if (run != null && Files.exists(run.resolve("metrics.csv"))
                        && Files.readAllLines(run.resolve("metrics.csv")).size() > 10) metrics = run.resolve("metrics.csv");
            }
        }
        assertNotNull(metrics, "the child run started: " + Files.readString(tmp.resolve("child.log")));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stops after Ctrl-C");
        String log = Files.readString(tmp.resolve("child.log"));
        assertEquals(130, p.exitValue(), log);
        assertTrue(log.contains("checkpoint saved. Continue with: nnrun resume"), log);
        Path cut = metrics.getParent();
        assertEquals("interrupted", RunSummary.read(cut.resolve("summary.json")).status());
        assertTrue(Checkpoint.read(cut.resolve("checkpoints/last.ckpt")).state().epoch() < 150);

        var r = CliRunner.run("resume", cut.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertSameOutcome(whole, cut);
    }

    @Test
    void aCorruptCheckpointIsNamedAndExitsThree() throws Exception {
        Path run = train(tmp.resolve("a"), "--set", "train.epochs=1");
        Path last = run.resolve("checkpoints/last.ckpt");
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var r = CliRunner.run("resume", run.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains(last + " is corrupt or truncated (checksum mismatch)"), r.err());

        Files.writeString(last, "not a checkpoint");
        var r2 = CliRunner.run("eval", run.toString(), "--checkpoint", "last");
        assertEquals(3, r2.exitCode());
        assertTrue(r2.err().contains("is not an nnrun checkpoint"), r2.err());
    }

    static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
