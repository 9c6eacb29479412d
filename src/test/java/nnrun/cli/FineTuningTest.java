package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.autodiff.Tensor;
import nnrun.run.Checkpoint;

/** model.init_from starts from a trained run where names and shapes match; model.freeze keeps blocks fixed. */
class FineTuningTest {
    @TempDir Path tmp;

    private Path onlyRun(Path runs) throws Exception {
        try (Stream<Path> s = Files.list(runs)) {
            return s.findFirst().orElseThrow();
        }
    }

    private Path config(String model) throws Exception {
        Path f = tmp.resolve("tune.yaml");
        Files.writeString(f, "data: {dataset: blobs, classes: 3, dims: 2, n: 300}\nmodel:\n" + model
                + "optimizer: {name: sgd, lr: 0.1}\ntrain: {epochs: 2}\n");
        return f;
    }

    @Test
    void theMatchingLayersAreLoadedTheNewHeadIsNotAndFrozenBlocksStayAsLoaded() throws Exception {
        var base = CliRunner.run("configs/demo_spirals.yaml", "--set", "train.epochs=2", "--device", "java",
                "--runs-dir", tmp.resolve("base").toString());
        assertEquals(0, base.exitCode(), base.err());
        Path baseRun = onlyRun(tmp.resolve("base"));
        // The spirals net's first two linear layers (2→64, 64→64), a new 3-class head, the first block frozen.
        Path tune = config("  init_from: " + baseRun + "\n  freeze: [0]\n  blocks:\n    - linear: {out: 64}\n    - tanh\n"
                + "    - linear: {out: 64}\n    - tanh\n    - linear: {out: 3}\n");
        var r = CliRunner.run(tune.toString(), "--device", "java", "--runs-dir", tmp.resolve("tuned").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("init_from " + baseRun.resolve("checkpoints/best.ckpt") + ": loaded 4 tensors (0.weight, 0.bias, "
                + "2.weight, 2.bias)"), r.out());
        assertTrue(r.out().contains("left at their initialization: 4.weight [3, 64] (the checkpoint's is [2, 64]); 4.bias [3]"), r.out());
        assertTrue(r.out().contains("frozen blocks: [0]"), r.out());

        var before = Checkpoint.read(baseRun.resolve("checkpoints/best.ckpt")).tensors();
        var after = Checkpoint.read(onlyRun(tmp.resolve("tuned")).resolve("checkpoints/last.ckpt")).tensors();
        assertArrayEquals(before.get("param.0.weight").data(), after.get("param.0.weight").data(), "frozen: unchanged by training");
        Tensor trained = after.get("param.2.weight");
        assertFalse(java.util.Arrays.equals(before.get("param.2.weight").data(), trained.data()), "loaded, then trained");
        assertTrue(Files.readString(onlyRun(tmp.resolve("tuned")).resolve("config.yaml")).contains("init_from: " + baseRun));
    }

    @Test
    void aCheckpointThatFitsNothingIsAConfigErrorAtInitFrom() throws Exception {
        var base = CliRunner.run("configs/demo_spirals.yaml", "--set", "train.epochs=1", "--device", "java",
                "--runs-dir", tmp.resolve("base").toString());
        assertEquals(0, base.exitCode(), base.err());
        Path tune = config("  init_from: " + onlyRun(tmp.resolve("base")) + "\n  blocks:\n    - linear: {out: 7}\n    - relu\n"
                + "    - linear: {out: 3}\n");
        var r = CliRunner.run(tune.toString(), "--device", "java", "--runs-dir", tmp.resolve("tuned").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("tune.yaml:3:14: model.init_from: ") && r.err().contains("has no tensor of this model's names and shapes"),
                r.err());
        assertFalse(Files.exists(tmp.resolve("tuned")) && tmp.resolve("tuned").toFile().list().length > 0, "no run folder");
    }

    @Test
    void freezingEveryBlockWithWeightsAndABadIndexAreRefused() throws Exception {
        var all = CliRunner.run(config("  freeze: [0]\n  blocks: [{linear: {out: 3}}]\n").toString(), "--runs-dir", tmp.toString());
        assertEquals(2, all.exitCode(), all.err());
        assertTrue(all.err().contains("model.freeze: freezes every block that has parameters"), all.err());
        var index = CliRunner.run(config("  freeze: [5]\n  blocks: [{linear: {out: 3}}]\n").toString(), "--runs-dir", tmp.toString());
        assertEquals(2, index.exitCode(), index.err());
        assertTrue(index.err().contains("model.freeze: must be in [0, 0], got 5"), index.err());
    }
}
