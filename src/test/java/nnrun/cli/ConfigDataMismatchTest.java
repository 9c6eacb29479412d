package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config that cannot work with its data fails before training with the file and line, and
 * leaves no run folder (#14 item 5); these used to crash at the first batch with exit 4.
 */
class ConfigDataMismatchTest {
    @TempDir Path tmp;

    private CliRunner.Outcome train(String... sets) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("configs/demo_spirals.yaml", "--device", "java",
                "--runs-dir", tmp.resolve("runs").toString()));
        for (String s : sets) args.addAll(java.util.List.of("--set", s));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private void assertNoRunFolder() {
        assertFalse(Files.exists(tmp.resolve("runs")) && tmp.resolve("runs").toFile().list().length > 0, "no run folder was made");
    }

    @Test
    void aLastLayerOfTheWrongWidthNamesTheBlockAndTheClasses() throws Exception {
        var r = train("model.4.linear.out=5");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("configs/demo_spirals.yaml:13:5: model.4.linear: cross_entropy needs one output per class: "
                + "the data has 2 classes, the model ends with 5 outputs"), r.err());
        assertNoRunFolder();
    }

    @Test
    void logisticNeedsOneScorePerSample() throws Exception {
        var r = train("loss=logistic");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("logistic scores each sample with one output; the model ends with 2 outputs"), r.err());
        assertNoRunFolder();
    }

    @Test
    void aValidationHoldOutOfTheWholeSetIsRefusedAtItsKey() throws Exception {
        var r = train("data.n=50", "data.validation=50");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("data.validation: holds out 50 of the 50 training examples"), r.err());
        assertNoRunFolder();
    }

    /** Trains the config {@code name}.yaml on {@code name}.csv (columns x, y, label) with a 2-output linear model. */
    private CliRunner.Outcome trainOnCsv(String name, String rows, double testFraction) throws Exception {
        Path csv = tmp.resolve(name + ".csv");
        Files.writeString(csv, "x,y,label\n" + rows);
        Files.writeString(config(name), "data: {dataset: csv, path: " + csv + ", label: label, test_fraction: " + testFraction + "}\n"
                + "model:\n  - linear: {out: 2}\noptimizer: {lr: 0.1}\ntrain: {epochs: 1}\n");
        return CliRunner.run(config(name).toString(), "--device", "java", "--runs-dir", tmp.resolve("runs").toString());
    }

    private Path config(String name) { return tmp.resolve(name + ".yaml"); }

    @Test
    void anEmptyTestSplitIsADataErrorNotANanResult() throws Exception {
        var r = trainOnCsv("tiny", "0,0,0\n1,1,1\n0,1,1\n1,0,0\n", 0.01);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("tiny.csv: a test_fraction of 0.01 of its 4 rows leaves no test rows"), r.err());
        assertNoRunFolder();
    }

    @Test
    void aCsvLabelBeyondTheLastLayerIsAConfigErrorAtThatLayer() throws Exception {
        var r = trainOnCsv("three", "0,0,0\n1,1,1\n0,1,2\n1,0,0\n0,0,1\n1,1,2\n0,1,0\n1,0,1\n", 0.25);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(config("three") + ":3:5: model.0.linear: cross_entropy needs one output per class: "
                + "the data has 3 classes, the model ends with 2 outputs"), r.err());
        assertTrue(r.err().contains("- linear: {out: 3}"), r.err());
        assertNoRunFolder();
    }
}
