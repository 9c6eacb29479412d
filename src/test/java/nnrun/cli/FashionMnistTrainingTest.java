package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.run.RunSummary;

/**
 * {@code dataset: fashion_mnist} from Debian's dataset-fashion-mnist package, offline, as a user
 * without ../shared would run it; CI installs the package, elsewhere the test says how.
 */
class FashionMnistTrainingTest {
    private static final Path DEBIAN_COPY = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path runs;

    @Test
    void oneEpochOfTheFcnnFromTheDebianCopyIsUnderFifteenPercentTestError() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DEBIAN_COPY),
                "no " + DEBIAN_COPY + ": apt-get install dataset-fashion-mnist to run this test");
        var r = CliRunner.run("configs/fashion_mnist_fcnn.yaml", "--offline", "--device", "java", "--set", "train.epochs=1",
                "--runs-dir", runs.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path run;
        try (Stream<Path> s = Files.list(runs)) {
            run = s.findFirst().orElseThrow();
        }
        RunSummary summary = RunSummary.read(run.resolve("summary.json"));
        assertEquals("fashion_mnist", summary.dataset());
        assertTrue(summary.data().matchesPublished(), "the Debian files are the published Fashion-MNIST content");
        assertEquals("last epoch", summary.selection().rule());
        assertTrue(summary.finalTestError() < 0.15, "test error " + summary.finalTestError());
    }
}
