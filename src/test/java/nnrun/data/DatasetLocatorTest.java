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
}
