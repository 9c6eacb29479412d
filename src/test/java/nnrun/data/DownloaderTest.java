package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local HTTP server on 127.0.0.1; the real mirrors are never contacted. */
class DownloaderTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final CountDownLatch testDone = new CountDownLatch(1);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Downloader downloader;
    private static final byte[] PAYLOAD = "0123456789".repeat(10_000).getBytes(StandardCharsets.US_ASCII);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/good/", exchange -> {
            exchange.sendResponseHeaders(200, PAYLOAD.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(PAYLOAD);
            }
        });
        server.createContext("/missing/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        // Promises the whole payload, sends a third, then drops the connection.
        server.createContext("/drops/", exchange -> {
            exchange.sendResponseHeaders(200, PAYLOAD.length);
            OutputStream body = exchange.getResponseBody();
            body.write(PAYLOAD, 0, PAYLOAD.length / 3);
            body.flush();
            exchange.close();
        });
        // Sends a tenth of the payload, then goes silent until the test ends.
        server.createContext("/stalls/", exchange -> {
            exchange.sendResponseHeaders(200, PAYLOAD.length);
            OutputStream body = exchange.getResponseBody();
            body.write(PAYLOAD, 0, PAYLOAD.length / 10);
            body.flush();
            try {
                testDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        downloader = new Downloader(new PrintStream(log, true, StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        testDone.countDown();
        server.stop(0);
    }

    private URI mirror(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/");
    }

    private static String md5(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void verifiedFileIsMovedIntoPlaceWithProgressShown() throws Exception {
        RemoteFile file = RemoteFile.md5("train-labels-idx1-ubyte.gz", md5(PAYLOAD));
        Path saved = downloader.download(List.of(mirror("good")), file, dir.resolve("mnist"));
        assertEquals(dir.resolve("mnist/train-labels-idx1-ubyte.gz"), saved);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(saved));
        assertEquals(List.of("train-labels-idx1-ubyte.gz"), filesIn(dir.resolve("mnist")));
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("100% (0.1 MB of 0.1 MB)"), progress);
        assertTrue(progress.contains("100000 bytes, MD5 verified"), progress);
    }

    @Test
    void sha256ChecksumsWorkToo() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PAYLOAD));
        Path saved = downloader.download(List.of(mirror("good")), new RemoteFile("f.bin", "SHA-256", sha.toUpperCase()), dir);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(saved));
    }

    @Test
    void wrongChecksumDeletesTheFileAndSaysSo() {
        RemoteFile file = RemoteFile.md5("t10k-labels-idx1-ubyte.gz", "00000000000000000000000000000000");
        DataException e = assertThrows(DataException.class,
                () -> downloader.download(List.of(mirror("good")), file, dir));
        assertTrue(e.getMessage().contains("checksum mismatch: MD5 is "), e.getMessage());
        assertTrue(e.getMessage().contains("the downloaded file was deleted"), e.getMessage());
        assertTrue(e.getMessage().contains("put it at " + dir.resolve("t10k-labels-idx1-ubyte.gz")), e.getMessage());
    }

    @Test
    void droppedConnectionLeavesNothingHalfWritten() throws Exception {
        RemoteFile file = RemoteFile.md5("data.bin", md5(PAYLOAD));
        DataException e = assertThrows(DataException.class,
                () -> downloader.download(List.of(mirror("drops")), file, dir));
        assertTrue(e.getMessage().contains("/drops/data.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("the connection closed after 33333 of 100000 bytes;"
                + " the partial file was deleted"), e.getMessage());
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aMirrorThatGoesSilentTimesOutAndLeavesNothing() throws Exception {
        Downloader impatient = new Downloader(new PrintStream(log, true, StandardCharsets.UTF_8), Duration.ofMillis(300));
        RemoteFile file = RemoteFile.md5("data.bin", md5(PAYLOAD));
        DataException e = assertThrows(DataException.class,
                () -> impatient.download(List.of(mirror("stalls")), file, dir));
        assertTrue(e.getMessage().contains("the connection broke after 10000 of 100000 bytes (Read timed out)"),
                e.getMessage());
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void secondMirrorIsUsedWhenTheFirstFails() throws Exception {
        RemoteFile file = RemoteFile.md5("data.bin", md5(PAYLOAD));
        Path saved = downloader.download(List.of(mirror("missing"), mirror("drops"), mirror("good")), file, dir);
        assertArrayEquals(PAYLOAD, Files.readAllBytes(saved));
        assertEquals(List.of("data.bin"), filesIn(dir));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("failed: HTTP status 404"));
    }

    @Test
    void repositoryDownloadsMissingMnistFromTheMirrorsAndLoadsIt() throws Exception {
        Path source = dir.resolve("served");
        DataFiles.writeMnistFolder(source, 4, 2);
        server.createContext("/mnist/", exchange -> {
            byte[] bytes = Files.readAllBytes(source.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName()));
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        // The repository checks the official MD5s, which tiny files cannot match: expect a clear refusal.
        Path root = dir.resolve("root");
        DatasetRepository repository = new DatasetRepository(new DatasetLocator(root, null, Map.of(), dir), downloader)
                .withMirrors(StandardDataset.MNIST, List.of(mirror("mnist")));
        DataException e = assertThrows(DataException.class, () -> repository.load(StandardDataset.MNIST, Split.TRAIN));
        assertTrue(e.getMessage().startsWith("mnist was not found. Looked in:"), e.getMessage());
        assertTrue(e.getMessage().contains("Downloading failed too: could not download train-images-idx3-ubyte.gz"),
                e.getMessage());
        assertTrue(e.getMessage().contains("but the published value is f68b3c2dcbeaaa9fbdd348bbdeb94873"), e.getMessage());
        assertFalse(Files.exists(root.resolve("mnist/train-images-idx3-ubyte.gz")));
    }
}
