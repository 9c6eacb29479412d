package nnrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.run.RunSummary;

/** `nnrun train` on a CSV with a separate test file: the test file is scored with the training file's classes. */
class CsvTestFileCommandTest {
    @TempDir Path dir;

    private Path config(String testCsv) throws Exception {
        StringBuilder train = new StringBuilder("x,label\n");
        for (int i = 1; i <= 20; i++) train.append(-i / 10.0).append(",cat\n").append(i / 10.0).append(",dog\n");
        Files.writeString(dir.resolve("train.csv"), train);
        Files.writeString(dir.resolve("test.csv"), testCsv);
        Path cfg = dir.resolve("pets.yaml");
        Files.writeString(cfg, """
                data: {dataset: csv, path: %s, test_path: %s}
                model:
                  - linear: {out: 2}
                optimizer: {name: sgd, lr: 0.5}
                train: {epochs: 5, batch_size: 8}
                """.formatted(dir.resolve("train.csv"), dir.resolve("test.csv")));
        return cfg;
    }

    @Test
    void aTestFileWithOnlyDogsIsScoredAsDogs() throws Exception {
        Path cfg = config("x,label\n0.5,dog\n1.5,dog\n0.7,dog\n");
        var r = CliRunner.run(cfg.toString(), "--runs-dir", dir.resolve("runs").toString(), "--device", "java");
        assertEquals(0, r.exitCode(), r.err());
        Path run;
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            run = s.toList().get(0);
        }
        // Numbered on its own, the test file's only class "dog" would be class 0, i.e. "cat", and every
        // correct prediction would count as an error.
        assertEquals(0.0, RunSummary.read(run.resolve("summary.json")).finalTestError(), 1e-9);
    }

    @Test
    void aTestLabelTheTrainingFileLacksIsADataErrorNamingFileLineAndLabel() throws Exception {
        Path cfg = config("x,label\n0.5,dog\n0.2,bird\n");
        var r = CliRunner.run(cfg.toString(), "--runs-dir", dir.resolve("runs").toString(), "--device", "java");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains(dir.resolve("test.csv") + " line 3: label 'bird' is not a class of the training file "
                + dir.resolve("train.csv") + " (its classes are cat, dog)"), r.err());
    }
}
