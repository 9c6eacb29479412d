package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataProvenanceTest {

    private static List<FileFingerprint> publishedContent(StandardDataset dataset, String folder) {
        return Mnist.allFileNames().stream().map(name -> name.substring(0, name.length() - 3))
                .map(name -> new FileFingerprint(name, folder + "/" + name + ".gz", 1000,
                        dataset.contentSha256().get(name), null)).toList();
    }

    @Test
    void fashionMnistReadAsMnistIsRecordedAsFashionMnist() {
        DataProvenance p = DataProvenance.of("mnist", publishedContent(StandardDataset.FASHION_MNIST, "/data/mnist"));
        assertEquals("fashion_mnist", p.dataset());
        assertEquals("mnist", p.requested());
        assertTrue(p.matchesPublished());
        assertEquals("the config asks for mnist, but the files in /data/mnist are the published fashion_mnist files;"
                + " the data is recorded as fashion_mnist", p.warning().orElseThrow());
    }

    @Test
    void officialMnistIsMnistWithNothingToSay() {
        DataProvenance p = DataProvenance.of("MNIST", publishedContent(StandardDataset.MNIST, "/data/mnist"));
        assertEquals("mnist", p.dataset());
        assertEquals("mnist", p.requested(), "a standard name is recorded in its canonical spelling");
        assertTrue(p.matchesPublished());
        assertTrue(p.warning().isEmpty());
    }

    @Test
    void kmnistIsRecognisedByThePublishedMd5OfItsGzFiles() {
        List<FileFingerprint> files = StandardDataset.KMNIST.downloads().stream()
                .map(d -> new FileFingerprint(d.name().replace(".gz", ""), "/k/" + d.name(), 1, "0".repeat(64), d.checksum()))
                .toList();
        DataProvenance p = DataProvenance.of("mnist", files);
        assertEquals("kmnist", p.dataset());
        assertTrue(p.matchesPublished());
    }

    @Test
    void filesOfNoKnownDatasetKeepTheRequestedName(@TempDir Path dir) throws IOException {
        DataFiles.writeMnistFolder(dir, 3, 2);
        DataProvenance p = StandardDataset.MNIST.provenance(dir);
        assertEquals("mnist", p.dataset());
        assertFalse(p.matchesPublished());
        assertTrue(p.warning().isEmpty());
        assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"), p.files().stream().map(FileFingerprint::name).toList());
    }

    @Test
    void aMixtureOfPublishedAndOtherFilesIsPointedOut() {
        List<FileFingerprint> files = new java.util.ArrayList<>(publishedContent(StandardDataset.MNIST, "/data/mnist"));
        FileFingerprint labels = files.get(1);
        files.set(1, new FileFingerprint(labels.name(), labels.path(), labels.bytes(), "ab".repeat(32), null));
        DataProvenance p = DataProvenance.of("mnist", files);
        assertEquals("mnist", p.dataset());
        assertFalse(p.matchesPublished());
        String warning = p.warning().orElseThrow();
        assertTrue(warning.contains("train-images-idx3-ubyte is the published mnist file"), warning);
        assertTrue(warning.contains("but train-labels-idx1-ubyte is not a published file of any known dataset"), warning);
    }

    @Test
    void differencesNameBothFingerprintsAndIgnoreWhereTheFilesLie() {
        DataProvenance recorded = DataProvenance.of("mnist", publishedContent(StandardDataset.MNIST, "/old"));
        DataProvenance moved = DataProvenance.of("mnist", publishedContent(StandardDataset.MNIST, "/new"));
        assertEquals(List.of(), moved.differencesFrom(recorded));
        moved.requireSameDataAs(recorded, "runs/a/summary.json");

        DataProvenance fashion = DataProvenance.of("mnist", publishedContent(StandardDataset.FASHION_MNIST, "/new"));
        List<String> differences = fashion.differencesFrom(recorded);
        assertEquals("dataset: recorded mnist, now fashion_mnist", differences.get(0));
        assertEquals("train-images-idx3-ubyte: recorded sha256 "
                + StandardDataset.MNIST.contentSha256().get("train-images-idx3-ubyte")
                + " (/old/train-images-idx3-ubyte.gz), now sha256 "
                + StandardDataset.FASHION_MNIST.contentSha256().get("train-images-idx3-ubyte")
                + " (/new/train-images-idx3-ubyte.gz)", differences.get(1));
        assertEquals(5, differences.size());

        DataException e = assertThrows(DataException.class, () -> fashion.requireSameDataAs(recorded, "runs/a/summary.json"));
        assertTrue(e.getMessage().startsWith("runs/a/summary.json records mnist data, but the data read now differs:\n"
                + "  - dataset: recorded mnist, now fashion_mnist\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("at the files that run used, or start a new run."), e.getMessage());
    }

    @Test
    void filesMissingOnEitherSideAreDifferences() {
        FileFingerprint a = new FileFingerprint("train", "/x/train", 5, "aa".repeat(32), null);
        FileFingerprint b = new FileFingerprint("test", "/x/test", 5, "bb".repeat(32), null);
        DataProvenance recorded = DataProvenance.of("image_folder", List.of(a));
        DataProvenance now = DataProvenance.of("image_folder", List.of(b));
        assertEquals(List.of("train: recorded sha256 " + a.sha256() + " (/x/train), not read now",
                "test: read now with sha256 " + b.sha256() + " (/x/test), not in the record"), now.differencesFrom(recorded));
    }

    @Test
    void roundTripsThroughJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        DataProvenance p = DataProvenance.of("mnist", publishedContent(StandardDataset.FASHION_MNIST, "/data/mnist"));
        String text = json.writeValueAsString(p);
        assertEquals(p, json.readValue(text, DataProvenance.class));
        Map<?, ?> tree = json.readValue(text, Map.class);
        assertEquals(List.of("dataset", "requested", "matchesPublished", "files"), List.copyOf(tree.keySet()));
        assertEquals(Map.of("name", "train-images-idx3-ubyte", "path", "/data/mnist/train-images-idx3-ubyte.gz",
                "bytes", 1000, "sha256", StandardDataset.FASHION_MNIST.contentSha256().get("train-images-idx3-ubyte")),
                withoutNulls((Map<?, ?>) ((List<?>) tree.get("files")).get(0)));
    }

    private static Map<?, ?> withoutNulls(Map<?, ?> map) {
        Map<Object, Object> copy = new java.util.LinkedHashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
