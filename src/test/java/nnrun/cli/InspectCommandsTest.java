package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertTrue(r.out().contains("CPU GEMM: micro-tile 8x"), "the blocking make bench reports: " + r.out());
        assertTrue(r.out().matches("(?s).*CPU GEMM: .*(chosen by a timed trial on this CPU|measured on this CPU earlier"
                + "|set by NNRUN_GEMM).*"), "says how the tile was chosen: " + r.out());
    }

    @Test
    void benchPrintsAResultLineForTheScripts() {
        var r = CliRunner.run("bench", "configs/demo_spirals.yaml", "--seconds", "0.2", "--device", "java");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*RESULT throughput model=demo_spirals train_img_s=[0-9.]+ infer_img_s=[0-9.]+.*"), r.out());
    }
}
