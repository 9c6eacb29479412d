package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {

    @TempDir
    Path dir;

    private DatasetLocator locator(Path config, Path dataDir, Path env) {
        Map<String, String> environment = env == null ? Map.of() : Map.of("NNRUN_DATA", env.toString());
        return new DatasetLocator(config, dataDir, environment, dir.resolve("cwd"));
    }

    @Test
    void searchesConfigPathThenDataDirThenEnvironmentThenWorkingDirectory() throws IOException {
        Path config = dir.resolve("config");
        Path dataDir = dir.resolve("datadir");
        Path env = dir.resolve("env");
        Path cwdData = dir.resolve("cwd/data");
        DatasetLocator all = locator(config, dataDir, env);
        assertEquals(List.of("path in the config", "--data-dir", "NNRUN_DATA", "./data"),
                all.places().stream().map(DatasetLocator.Place::origin).toList());

        DataFiles.writeMnistFolder(cwdData.resolve("mnist"), 1, 1);
        assertEquals(Optional.of(cwdData.resolve("mnist")), all.find(StandardDataset.MNIST));
        DataFiles.writeMnistFolder(env.resolve("mnist"), 1, 1);
        assertEquals(Optional.of(env.resolve("mnist")), all.find(StandardDataset.MNIST));
        DataFiles.writeMnistFolder(dataDir.resolve("mnist"), 1, 1);
        assertEquals(Optional.of(dataDir.resolve("mnist")), all.find(StandardDataset.MNIST));
        DataFiles.writeMnistFolder(config.resolve("mnist"), 1, 1);
        assertEquals(Optional.of(config.resolve("mnist")), all.find(StandardDataset.MNIST));
    }

    @Test
    void anIncompleteFolderIsPassedOverAndAFolderHoldingTheFilesDirectlyCounts() throws IOException {
        Path config = dir.resolve("config");
        DataFiles.writeMnist(config.resolve("mnist"), "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 1);
        Path direct = dir.resolve("my-mnist");
        DataFiles.writeMnistFolder(direct, 1, 1);
        assertEquals(Optional.of(direct), locator(config, direct, null).find(StandardDataset.MNIST));
    }

    @Test
    void cifarArchiveInARootIsExtractedThere() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifarFolder(source);
        Path env = dir.resolve("env");
        Files.createDirectories(env);
        Files.write(env.resolve(Cifar10.ARCHIVE), DataFiles.tarGz(source, Cifar10.FOLDER));
        assertEquals(Optional.of(env.resolve(Cifar10.FOLDER)), locator(null, null, env).find(StandardDataset.CIFAR10));
    }

    @Test
    void offlineErrorListsMissingFilesEveryPlaceAndWhereToPutThem() throws IOException {
        Path dataDir = dir.resolve("datadir");
        DataFiles.writeMnist(dataDir.resolve("mnist"), "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 1);
        DatasetRepository offline = new DatasetRepository(locator(null, dataDir, null), null);

        DataException e = assertThrows(DataException.class, () -> offline.load(StandardDataset.MNIST, Split.TRAIN));

        assertEquals("""
                mnist was not found. Looked in:
                  - %1$s/datadir/mnist (--data-dir): missing train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz
                  - %1$s/cwd/data/mnist (./data): no such folder
                Put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,\
                 t10k-labels-idx1-ubyte.gz in %1$s/datadir/mnist, or point --data-dir or NNRUN_DATA at a folder\
                 that has them. Downloading is switched off.""".formatted(dir), e.getMessage());
    }

    @Test
    void blankEnvironmentVariableIsIgnored() {
        DatasetLocator locator = new DatasetLocator(null, null, Map.of("NNRUN_DATA", " "), dir);
        assertEquals(List.of(new DatasetLocator.Place(dir.resolve("data"), "./data")), locator.places());
        assertTrue(locator.find(StandardDataset.CIFAR10).isEmpty());
    }

    @Test
    void systemCopyOfFashionMnistIsFoundAfterEveryDataRoot() throws IOException {
        Path debian = dir.resolve("usr/share/datasets/fashion-mnist");
        DataFiles.writeMnistFolder(debian, 1, 1);
        Path env = dir.resolve("env");
        DatasetLocator locator = locator(null, null, env).withSystemCopies(StandardDataset.FASHION_MNIST,
                List.of(new DatasetLocator.Place(debian, "Debian package dataset-fashion-mnist")));
        assertEquals(Optional.of(debian), locator.find(StandardDataset.FASHION_MNIST));
        assertTrue(locator.find(StandardDataset.MNIST).isEmpty(), "the copy serves only Fashion-MNIST");

        DataFiles.writeMnistFolder(env.resolve("fashion-mnist"), 1, 1);
        assertEquals(Optional.of(env.resolve("fashion-mnist")), locator.find(StandardDataset.FASHION_MNIST));
    }

    @Test
    void missingFashionMnistNamesTheDebianPackage() {
        DatasetLocator locator = locator(null, dir.resolve("datadir"), null).withSystemCopies(StandardDataset.FASHION_MNIST,
                List.of(new DatasetLocator.Place(dir.resolve("nowhere"), "Debian package dataset-fashion-mnist")));
        String message = locator.describeMissing(StandardDataset.FASHION_MNIST);
        assertTrue(message.contains("datadir/fashion-mnist (--data-dir): no such folder"), message);
        assertTrue(message.contains("nowhere (Debian package dataset-fashion-mnist): no such folder"), message);
    }

    @Test
    void theOfficialDebianFolderIsWhereFashionMnistIsLookedForByDefault() {
        assertEquals(List.of(Path.of("/usr/share/datasets/fashion-mnist")),
                StandardDataset.FASHION_MNIST.systemCopies().stream().map(DatasetLocator.Place::root).toList());
    }
}
