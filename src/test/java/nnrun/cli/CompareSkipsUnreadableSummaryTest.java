package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broken run in a sweep folder must not hide the others from `nnrun compare`. */
class CompareSkipsUnreadableSummaryTest {
    @TempDir Path tmp;

    @Test
    void nullAndTruncatedSummariesAreSkippedWithAWarningNamingTheFile() throws Exception {
        Path sweep = tmp.resolve("sweep");
        var trained = CliRunner.run("train", "configs/demo_spirals.yaml", "--set", "train.epochs=1", "--runs-dir", sweep.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Path nulled = Files.createDirectories(sweep.resolve("20261203-000000_nulled")).resolve("summary.json");
        Files.writeString(nulled, "null\n");
        Path truncated = Files.createDirectories(sweep.resolve("20261203-000001_truncated")).resolve("summary.json");
        Files.writeString(truncated, "{\"name\" : \"demo_spirals\", \"status\" : \"comp");

        var r = CliRunner.run("compare", sweep.toString(), "--format", "csv");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.out().lines().count(), "header and the one good run: " + r.out());
        assertTrue(r.out().contains("demo_spirals"), r.out());
        assertTrue(r.err().contains("warning: skipping " + nulled), r.err());
        assertTrue(r.err().contains("warning: skipping " + truncated), r.err());
    }

    @Test
    void aFolderOfOnlyUnreadableSummariesIsAUsageError() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("20261203-000000_nulled"));
        Files.writeString(run.resolve("summary.json"), "null");

        var r = CliRunner.run("compare", tmp.toString());

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("no runs found"), r.err());
    }
}
