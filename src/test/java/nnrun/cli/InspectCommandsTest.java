package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.run.RunSummary;

/** The commands that look at configs, devices and finished runs without training. */
class InspectCommandsTest {
    @TempDir Path tmp;

    @Test
    void summaryShowsTheReferenceConvNetsShapesAndParameterCount() {
        var r = CliRunner.run("summary", "configs/mnist_convnet.yaml");
        assertEquals(0, r.exitCode(), r.err());
        // conv 1→32 (320) + conv 32→64 (18,496) + linear 3136→128 (401,536) + linear 128→10 (1,290)
        assertTrue(r.out().contains("421,642") || r.out().contains("421642"), r.out());
        assertTrue(r.out().contains("64×7×7"), r.out());
    }

    @Test
    void graphWritesDotWithOpsNamedLikeTheirGradFn() throws Exception {
        var r = CliRunner.run("graph", "configs/mnist_linear.yaml");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("digraph"), r.out());
        assertTrue(r.out().contains("LinearBackward"), r.out());

        Path svg = tmp.resolve("g.svg");
        var rendered = CliRunner.run("graph", "configs/mnist_linear.yaml", "-o", svg.toString());
        if (rendered.exitCode() == 0) {
            assertTrue(Files.readString(svg).contains("<svg"));
        } else { // no Graphviz on this machine: the error says how to get it
            assertEquals(2, rendered.exitCode());
            assertTrue(rendered.err().contains("apt-get install graphviz"), rendered.err());
        }
    }

    @Test
    void devicesListsTheJavaBackend() {
        var r = CliRunner.run("devices");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("CPU backend:"), r.out());
        assertTrue(r.out().contains("OpenCL"), r.out());
    }

    @Test
    void benchPrintsAResultLineForTheScripts() {
        var r = CliRunner.run("bench", "configs/demo_spirals.yaml", "--seconds", "0.2", "--device", "java");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*RESULT throughput model=demo_spirals train_img_s=[0-9.]+ infer_img_s=[0-9.]+.*"), r.out());
    }

    private Path fakeRun(String name, String dataset, String kind, double best) throws Exception {
        Path dir = tmp.resolve("runs").resolve("20261122-000000_" + name);
        Files.createDirectories(dir);
        new RunSummary(RunSummary.SCHEMA_VERSION, name, "completed", null, dataset, "flatten → linear 10", kind, 7850, "java", "test",
                3, 3, new RunSummary.Selection("last epoch", 3, null, null, best, 0.3), best, 0.3, null, null, 0.05, 0.2, 12.5, 1000,
                null, 0, Map.of("lr", 0.05, "batch_size", 128, "optimizer", "sgd"), null, null, Map.of())
                .write(dir.resolve("summary.json"));
        return dir;
    }

    @Test
    void compareMakesTheSlidesTableFromAFolderOfRuns() throws Exception {
        fakeRun("mnist_linear", "mnist", "Linear", 0.074);
        fakeRun("mnist_fcnn", "mnist", "FCNN", 0.015);
        fakeRun("cifar_linear", "cifar10", "Linear", 0.597);
        var r = CliRunner.run("compare", tmp.resolve("runs").toString(), "--error-table");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("""
                | Dataset | Linear | FCNN | ConvNet |
                | --- | --- | --- | --- |
                | MNIST | 7.40% | 1.50% | - |
                | CIFAR-10 | 59.70% | - | - |
                """, r.out());

        var csv = CliRunner.run("compare", tmp.resolve("runs").toString(), "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        assertTrue(csv.out().startsWith("run,dataset,model,params,lr,batch,optimizer,epochs,selected by,selected epoch,test error at selected"), csv.out());
        assertEquals(4, csv.out().lines().count());

        var json = CliRunner.run("compare", tmp.resolve("runs").toString(), "--format", "json");
        assertTrue(json.out().contains("\"testError\" : 0.015"), json.out());

        var bad = CliRunner.run("compare", tmp.resolve("runs").toString(), "--format", "xml");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--format xml is not one of markdown, csv, json"), bad.err());
    }

    @Test
    void compareOnAFolderWithoutRunsSaysSo() {
        var r = CliRunner.run("compare", tmp.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no runs found"), r.err());
    }
}
