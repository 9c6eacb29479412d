package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the real MNIST and CIFAR-10 files when a data root is available: the system property
 * {@code nnrun.data}, else the NNRUN_DATA environment variable, else ../shared/data beside the
 * repository. Skipped (not failed) when none holds the data.
 */
class RealDatasetsTest {

    private static DatasetRepository repository(StandardDataset dataset) {
        Path configured = null;
        String property = System.getProperty("nnrun.data");
        if (property != null && !property.isBlank()) {
            configured = Path.of(property);
        }
        Path beside = Path.of("..", "shared", "data");
        DatasetLocator locator = new DatasetLocator(configured, Files.isDirectory(beside) ? beside : null,
                System.getenv(), Path.of(""));
        assumeTrue(locator.find(dataset).isPresent(), "no real " + dataset.configName() + " data; set NNRUN_DATA");
        return new DatasetRepository(locator, null);
    }

    @Test
    void mnistHasTheOfficialCountsAndClassBalance() {
        DatasetRepository repository = repository(StandardDataset.MNIST);
        Dataset train = repository.load(StandardDataset.MNIST, Split.TRAIN);
        Dataset test = repository.load(StandardDataset.MNIST, Split.TEST);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.classCounts());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.classCounts());
        assertEquals(5, train.label(0), "the famous first training digit is a 5");
        assertTrue(train.heapBytes() < 60_000_000, "MNIST train holds " + train.heapBytes() + " bytes");
        Normalization n = Normalization.fit(train);
        assertEquals(0.1307, n.mean()[0], 1e-4);
        assertEquals(0.3081, n.std()[0], 1e-4);
    }

    @Test
    void cifar10HasTheOfficialCountsClassBalanceAndChannelStatistics() {
        DatasetRepository repository = repository(StandardDataset.CIFAR10);
        Dataset train = repository.load(StandardDataset.CIFAR10, Split.TRAIN);
        Dataset test = repository.load(StandardDataset.CIFAR10, Split.TEST);
        assertEquals(50_000, train.size());
        assertEquals(10_000, test.size());
        for (int c = 0; c < 10; c++) {
            assertEquals(5000, train.classCounts()[c]);
            assertEquals(1000, test.classCounts()[c]);
        }
        assertEquals("airplane", train.classNames().get(0));
        assertTrue(train.heapBytes() < 200_000_000, "CIFAR-10 train holds " + train.heapBytes() + " bytes");
        Normalization n = Normalization.fit(train);
        assertArrayEquals(new float[] {0.49139968f, 0.48215841f, 0.44653091f}, n.mean(), 1e-5f);
        assertArrayEquals(new float[] {0.24703223f, 0.24348513f, 0.26158784f}, n.std(), 1e-5f);
    }

    @Test
    void officialMnistFilesFromALocalMirrorPassTheChecksumsAndLoad(@TempDir Path dir) throws IOException {
        Path source = repository(StandardDataset.MNIST).folder(StandardDataset.MNIST);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mnist/", exchange -> {
            Path file = source.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName());
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        });
        server.start();
        try {
            URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
            Path root = dir.resolve("fresh");
            DatasetRepository downloading = new DatasetRepository(
                    new DatasetLocator(root, null, Map.of(), dir), new Downloader(System.out, Duration.ofSeconds(30)))
                    .withMirrors(StandardDataset.MNIST, List.of(mirror));
            Dataset test = downloading.load(StandardDataset.MNIST, Split.TEST);
            assertEquals(10_000, test.size());
            try (Stream<Path> saved = Files.list(root.resolve("mnist"))) {
                assertEquals(Mnist.allFileNames().stream().sorted().toList(),
                        saved.map(p -> p.getFileName().toString()).sorted().toList(), "no .part files left");
            }
        } finally {
            server.stop(0);
        }
    }
}
