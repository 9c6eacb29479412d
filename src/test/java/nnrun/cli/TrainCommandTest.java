package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.run.Checkpoint;
import nnrun.run.MetricRow;
import nnrun.run.RunSummary;

/** `nnrun train` and the commands that read its run folder, driven through Picocli as a user would. */
class TrainCommandTest {
    @TempDir Path runs;

    private Path onlyRun() throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), "exactly one run folder: " + dirs);
            return dirs.get(0);
        }
    }

    @Test
    void theDemoTrainsEndToEndIntoATimestampedRunFolder() throws Exception {
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", runs.toString(), "--device", "java");
        assertEquals(0, r.exitCode(), r.err());
        Path run = onlyRun();
        assertTrue(run.getFileName().toString().matches("\\d{8}-\\d{6}_demo_spirals"), run.toString());
        assertTrue(r.out().contains("run folder: " + run), r.out());
        for (String f : List.of("config.yaml", "metrics.csv", "summary.json", "graph.dot", "train.log", "checkpoints/last.ckpt",
                "checkpoints/best.ckpt"))
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " is missing");

        List<MetricRow> rows = MetricRow.readAll(run.resolve("metrics.csv"));
        assertEquals(40 * 3, rows.size(), "train, val and test rows for each of 40 epochs");
        RunSummary s = RunSummary.read(run.resolve("summary.json"));
        assertEquals("completed", s.status());
        assertEquals(40, s.epochs());
        assertEquals("java", s.device());
        // Two spirals are not linearly separable; a trained 2-hidden-layer tanh net gets nearly all of them.
        assertTrue(s.finalTestError() < 0.05, "test error " + s.finalTestError());
        assertTrue(rows.get(0).loss() > rows.get(rows.size() - 3).loss(), "training loss went down");
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("epochs: 40"));
        assertTrue(Files.readString(run.resolve("graph.dot")).startsWith("digraph"));
        assertEquals(40, Checkpoint.read(run.resolve("checkpoints/last.ckpt")).state().epoch());

        var compare = CliRunner.run("compare", runs.toString());
        assertEquals(0, compare.exitCode(), compare.err());
        assertTrue(compare.out().contains("| " + run.getFileName() + " | spirals | FCNN"), compare.out());

        var eval = CliRunner.run("eval", run.toString(), "--checkpoint", "last");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "test error %.2f%%", 100 * s.finalTestError())), eval.out());

        Path png = runs.resolve("curves.png");
        var plot = CliRunner.run("plot", run.toString(), "-o", png.toString());
        assertEquals(0, plot.exitCode(), plot.err());
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }

    @Test
    void overridesAreAppliedAndSavedInTheResolvedConfig() throws Exception {
        var r = CliRunner.run("train", "configs/demo_spirals.yaml", "--runs-dir", runs.toString(),
                "--set", "train.epochs=2", "--set", "optimizer.lr=0.02");
        assertEquals(0, r.exitCode(), r.err());
        String saved = Files.readString(onlyRun().resolve("config.yaml"));
        assertTrue(saved.contains("epochs: 2"), saved);
        assertTrue(saved.contains("lr: 0.02"), saved);
    }

    @Test
    void aConfigErrorNamesFileLineAndKeyAndExitsTwoBeforeMakingARunFolder() throws Exception {
        Path cfg = runs.resolve("bad.yaml");
        Files.writeString(cfg, "data: {dataset: spirals}\nmodel:\n  - linear: {out: 2}\noptimizer: {lr: 0.1}\ntrain: {epoks: 3}\n");
        var r = CliRunner.run(cfg.toString(), "--runs-dir", runs.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(cfg + ":5:9: train.epoks: unknown key \"epoks\", did you mean \"epochs\"?"), r.err());
        assertFalse(Files.exists(runs.resolve("out")), "nothing is created for a config that does not load");
    }

    @Test
    void anUnknownBlockIsAConfigErrorWithASuggestion() throws Exception {
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", runs.toString(), "--set", "model.1={reul: null}");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("did you mean \"relu\"?"), r.err());
    }

    @Test
    void anImpossibleStackFailsBeforeTrainingNamingTheBlockAndShapes() throws Exception {
        var r = CliRunner.run("configs/mnist_convnet.yaml", "--runs-dir", runs.toString(),
                "--set", "model.0={conv2d: {out: 8, kernel: 40}}");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("block 0 'conv2d'") && r.err().contains("1×28×28"), r.err());
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(0, s.count(), "no run folder for a model that cannot be built");
        }
    }

    @Test
    void aDivergingLossStopsTheRunWithExitFourAndSaysWhy() throws Exception {
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", runs.toString(),
                "--set", "model.1=relu", "--set", "model.3=relu", "--set", "optimizer={name: sgd, lr: 1.0e+30}");
        assertEquals(4, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("loss became") && r.err().contains("Lower optimizer.lr"), r.err());
        assertEquals("diverged", RunSummary.read(onlyRun().resolve("summary.json")).status());
    }

    @Test
    void anUnwritableRunsFolderIsAClearErrorNotAStackTrace() throws Exception {
        Path notADir = runs.resolve("file");
        Files.writeString(notADir, "x");
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", notADir.resolve("runs").toString());
        assertEquals(4, r.exitCode());
        assertTrue(r.err().startsWith("error: cannot write"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void theOpenClDeviceTrainsTheSameModelToTheSameLosses() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                nnrun.backend.opencl.OpenClDiscovery.installed().discover().devices().size() > 0, "no OpenCL runtime here");
        Path javaRuns = runs.resolve("java"), clRuns = runs.resolve("opencl");
        assertEquals(0, CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", javaRuns.toString(), "--device", "java",
                "--set", "train.epochs=2").exitCode());
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", clRuns.toString(), "--device", "opencl",
                "--set", "train.epochs=2");
        assertEquals(0, r.exitCode(), r.err());
        Path clRun, javaRun;
        try (Stream<Path> a = Files.list(clRuns); Stream<Path> b = Files.list(javaRuns)) {
            clRun = a.findFirst().orElseThrow();
            javaRun = b.findFirst().orElseThrow();
        }
        RunSummary cl = RunSummary.read(clRun.resolve("summary.json"));
        assertEquals("opencl", cl.device());
        assertTrue(cl.deviceReason().contains("passed the self-check"), cl.deviceReason());
        assertTrue(cl.deviceTime().matches("\\d+ launches, compute [0-9.]+ s, transfer [0-9.]+ s \\(.*"), cl.deviceTime());
        assertEquals(null, RunSummary.read(javaRun.resolve("summary.json")).deviceTime(), "the CPU backend has no device time to split");
        assertTrue(Files.readString(clRun.resolve("train.log")).contains("device so far: "));
        List<MetricRow> a = MetricRow.readAll(javaRun.resolve("metrics.csv")), b = MetricRow.readAll(clRun.resolve("metrics.csv"));
        for (int i = 0; i < a.size(); i++)
            assertEquals(a.get(i).loss(), b.get(i).loss(), 1e-3, "same seed, same model: losses differ only by rounding (row " + i + ")");
    }

    @Test
    void earlyStoppingEndsTheRunWhenTheWatchedMetricStopsImproving() throws Exception {
        var r = CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", runs.toString(), "--set", "train.epochs=100",
                "--set", "optimizer.lr=0.1", "--set", "train.early_stopping={patience: 2, metric: val_loss}");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("early stopping: val_loss has not improved for 2 evaluations"), r.out());
        RunSummary s = RunSummary.read(onlyRun().resolve("summary.json"));
        assertTrue(s.epochs() < 100, "stopped after " + s.epochs() + " epochs");
        List<MetricRow> val = MetricRow.readAll(onlyRun().resolve("metrics.csv")).stream().filter(m -> m.split().equals("val")).toList();
        double best = val.stream().mapToDouble(MetricRow::loss).min().orElseThrow();
        // The last two evaluations were both worse than the best before them.
        assertTrue(val.get(val.size() - 1).loss() > best && val.get(val.size() - 2).loss() > best);
    }

    @Test
    void twoRunsStartedTogetherGetTwoFolders() throws Exception {
        assertEquals(0, CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", runs.toString(), "--set", "train.epochs=1").exitCode());
        assertEquals(0, CliRunner.run("configs/demo_spirals.yaml", "--runs-dir", runs.toString(), "--set", "train.epochs=1").exitCode());
        try (Stream<Path> s = Files.list(runs)) {
            assertEquals(2, s.count());
        }
    }

    @Test
    void helpOnEveryCommandHasExamples() {
        for (String cmd : List.of("train", "resume", "eval", "compare", "plot", "graph", "summary", "devices", "bench")) {
            var r = CliRunner.run(cmd, "--help");
            assertEquals(0, r.exitCode(), cmd);
            assertTrue(r.out().contains("Example"), cmd + ": " + r.out());
        }
        var typo = CliRunner.run("trian", "configs/demo_spirals.yaml");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("train"), "suggests the command: " + typo.err());
    }
}
