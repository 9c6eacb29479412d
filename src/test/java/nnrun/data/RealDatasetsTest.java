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
 * repository; and the real Fashion-MNIST from Debian's dataset-fashion-mnist package when it is
 * installed. Skipped (not failed) when the data is not there.
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

    @Test
    void realMnistAndCifar10AreRecognisedAsThePublishedFiles() {
        DataProvenance mnist = repository(StandardDataset.MNIST).loadSplits(StandardDataset.MNIST).provenance();
        assertEquals("mnist", mnist.dataset());
        assertTrue(mnist.matchesPublished());
        assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", mnist.files().get(0).gzipMd5());
        assertEquals(47_040_016, mnist.files().get(0).bytes());

        DataProvenance cifar = StandardDataset.CIFAR10.provenance(
                repository(StandardDataset.CIFAR10).folder(StandardDataset.CIFAR10));
        assertEquals("cifar10", cifar.dataset());
        assertTrue(cifar.matchesPublished());
        assertEquals(6, cifar.files().size());
    }

    @Test
    void debianFashionMnistLoadsWithTheOfficialCountsAndIsRecognisedByItsContent() {
        Path debian = StandardDataset.FASHION_MNIST.systemCopies().get(0).root();
        assumeTrue(Files.isDirectory(debian), debian + " is missing; apt-get install dataset-fashion-mnist");
        DatasetLocator locator = new DatasetLocator(null, null, Map.of(), Path.of("no-such-working-dir"));
        assertEquals(debian, locator.find(StandardDataset.FASHION_MNIST).orElseThrow());

        DatasetSplits splits = new DatasetRepository(locator, null).loadSplits(StandardDataset.FASHION_MNIST);
        assertEquals(60_000, splits.train().size());
        assertEquals(10_000, splits.test().size());
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, splits.train().classCounts()[c]);
            assertEquals(1000, splits.test().classCounts()[c]);
        }
        assertEquals("Ankle boot", splits.train().classNames().get(9));
        assertEquals(9, splits.train().label(0), "the first training image is an ankle boot");
        DataProvenance provenance = splits.provenance();
        assertEquals("fashion_mnist", provenance.dataset());
        assertTrue(provenance.matchesPublished());
        FileFingerprint images = provenance.files().get(0);
        assertEquals("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", images.sha256());
        assertEquals(debian.resolve("train-images-idx3-ubyte.gz").toString(), images.path());
        assertTrue(!"8d4fb7e6c68d591d4c3dfef9ec88bf0d".equals(images.gzipMd5()),
                "Debian recompresses the files, so only the decompressed content can identify them");

        DataProvenance readAsMnist = StandardDataset.MNIST.provenance(debian);
        assertEquals("fashion_mnist", readAsMnist.dataset());
        assertEquals("mnist", readAsMnist.requested());
        assertTrue(readAsMnist.warning().orElseThrow().contains("recorded as fashion_mnist"));
    }
}
