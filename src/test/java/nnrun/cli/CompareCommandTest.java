package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.run.RunSummary;

/** `nnrun compare`: one table of runs, for people (Markdown) and for scripts (CSV, JSON). */
class CompareCommandTest {
    @TempDir Path tmp;

    private void fakeRun(String name, String dataset, String kind, double best) throws Exception {
        Path dir = tmp.resolve("runs").resolve("20261122-000000_" + name);
        Files.createDirectories(dir);
        new RunSummary(RunSummary.SCHEMA_VERSION, name, "completed", null, dataset, "flatten → linear 10", kind, 7850, "java", "test",
                3, 3, new RunSummary.Selection("last epoch", 3, null, null, best, 0.3), best + 0.01, 0.3, null, null, 0.05, 0.2, 12.5,
                1000, null, 0, Map.of("lr", 0.0001, "batch_size", 128, "optimizer", "sgd"), null, null, Map.of())
                .write(dir.resolve("summary.json"));
    }

    @BeforeEach
    void threeRuns() throws Exception {
        fakeRun("mnist_linear", "mnist", "Linear", 0.074);
        fakeRun("mnist_fcnn", "mnist", "FCNN", 0.015);
        fakeRun("cifar_linear", "cifar10", "Linear", 0.597);
    }

    private String runs() { return tmp.resolve("runs").toString(); }

    @Test
    void markdownShowsErrorRatesAsPercentages() {
        var r = CliRunner.run("compare", runs());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("| run | dataset | kind | model | params | lr | batch | optimizer | epochs | of |"
                + " selected by | selected epoch | test error at selected | final test error | wall s | status |\n"), r.out());
        assertTrue(r.out().contains("| 20261122-000000_mnist_fcnn | mnist | FCNN | flatten → linear 10 | 7850 | 0.0001 | 128 | sgd"
                + " | 3 | 3 | last epoch | 3 | 1.50% | 2.50% | 12.5 | completed |"), r.out());
    }

    @Test
    void csvHasKeysWithoutSpacesAndPlainNumbers() {
        var r = CliRunner.run("compare", runs(), "--format", "csv");
        assertEquals(0, r.exitCode(), r.err());
        var lines = r.out().lines().toList();
        assertEquals("run,dataset,model_kind,model,params,lr,batch_size,optimizer,epochs,epochs_planned,selected_by,selected_epoch,"
                + "test_error_at_selected,final_test_error,wall_s,status", lines.get(0));
        assertEquals("20261122-000000_mnist_fcnn,mnist,FCNN,flatten → linear 10,7850,0.0001,128,sgd,3,3,last epoch,3,0.015,0.025,12.5,"
                + "completed", lines.get(2));
        assertEquals(4, lines.size());
        assertFalse(r.out().contains("%"), r.out());
    }

    @Test
    void jsonHoldsEachRunsSummary() {
        var r = CliRunner.run("compare", runs(), "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"testError\" : 0.015"), r.out());
    }

    @Test
    void theErrorTableIsTheSlidesTableInEveryFormat() {
        var md = CliRunner.run("compare", runs(), "--error-table");
        assertEquals(0, md.exitCode(), md.err());
        assertEquals("""
                | Dataset | Linear | FCNN | ConvNet |
                | --- | --- | --- | --- |
                | MNIST | 7.40% | 1.50% | - |
                | CIFAR-10 | 59.70% | - | - |
                """, md.out());

        var csv = CliRunner.run("compare", runs(), "--error-table", "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        assertEquals("dataset,Linear,FCNN,ConvNet\r\nmnist,0.074,0.015,\r\ncifar10,0.597,,\r\n", csv.out());

        var json = CliRunner.run("compare", runs(), "--error-table", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals("""
                [ {
                  "dataset" : "mnist",
                  "Linear" : 0.074,
                  "FCNN" : 0.015,
                  "ConvNet" : null
                }, {
                  "dataset" : "cifar10",
                  "Linear" : 0.597,
                  "FCNN" : null,
                  "ConvNet" : null
                } ]
                """, json.out().replace("\r\n", "\n"));
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        var bad = CliRunner.run("compare", runs(), "--format", "xml");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--format xml is not one of markdown, csv, json"), bad.err());
    }

    @Test
    void aFolderWithoutRunsSaysSo() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        var r = CliRunner.run("compare", empty.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no runs found"), r.err());
    }
}
