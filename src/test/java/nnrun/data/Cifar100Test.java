package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100Test {

    @TempDir
    Path dir;

    private static List<Integer> labels(Dataset d) {
        return java.util.stream.IntStream.range(0, d.size()).map(d::label).boxed().toList();
    }

    @Test
    void fineLabelsAreTheDefaultWithTheOfficialHundredNames() throws IOException {
        Path folder = dir.resolve(Cifar100.FOLDER);
        DataFiles.writeCifar100Folder(folder);
        Dataset train = StandardDataset.CIFAR100.load(folder, Split.TRAIN);
        Dataset test = StandardDataset.CIFAR100.load(folder, Split.TEST);
        assertEquals(List.of(0, 1, 99, 55), labels(train));
        assertEquals(List.of(39, 30), labels(test));
        assertEquals(100, train.numClasses());
        assertEquals("apple", train.classNames().get(0));
        assertEquals("worm", train.classNames().get(99));
        assertArrayEquals(new int[] {3, 32, 32}, train.sampleShape());
        // Record 2 of train.bin: its blue plane (channel 2) was filled with 10*2 + 2, after two label bytes.
        float[] sample = new float[3072];
        train.copyFeatures(2, sample, 0);
        assertEquals(20 / 255f, sample[0]);
        assertEquals(22 / 255f, sample[3071]);
    }

    @Test
    void coarseLabelsGiveTheTwentySuperclasses() throws IOException {
        Path folder = dir.resolve(Cifar100.FOLDER);
        DataFiles.writeCifar100Folder(folder);
        Dataset train = Cifar100.load(folder, Split.TRAIN, Cifar100.Labels.parse("Coarse"));
        assertEquals(List.of(4, 1, 19, 4), labels(train));
        assertEquals(20, train.numClasses());
        assertEquals("vehicles_2", train.classNames().get(19));
    }

    @Test
    void namesFilesBesideTheDataAreUsedAndMustHaveTheRightCount() throws IOException {
        Path folder = dir.resolve(Cifar100.FOLDER);
        DataFiles.writeCifar100Folder(folder);
        List<String> renamed = Cifar100.Labels.COARSE.officialNames().stream().map(n -> "super " + n).toList();
        Files.write(folder.resolve("coarse_label_names.txt"), renamed);
        assertEquals("super fish", Cifar100.load(folder, Split.TEST, Cifar100.Labels.COARSE).classNames().get(1));

        Files.writeString(folder.resolve("fine_label_names.txt"), "apple\npear\n");
        DataException e = assertThrows(DataException.class, () -> Cifar100.load(folder, Split.TEST, Cifar100.Labels.FINE));
        assertTrue(e.getMessage().contains("fine_label_names.txt lists 2 class names; CIFAR-100 has 100"), e.getMessage());
    }

    @Test
    void badRecordsNameTheFileAndRecord() throws IOException {
        Path folder = dir.resolve(Cifar100.FOLDER);
        DataFiles.writeCifar100Folder(folder);
        Files.write(folder.resolve("test.bin"), DataFiles.cifar100Records(1, 2, 20, 3));
        DataException coarse = assertThrows(DataException.class,
                () -> Cifar100.load(folder, Split.TEST, Cifar100.Labels.COARSE));
        assertTrue(coarse.getMessage().contains("test.bin: record 1 has label 20, outside 0..19"), coarse.getMessage());

        byte[] train = Files.readAllBytes(folder.resolve("train.bin"));
        Files.write(folder.resolve("train.bin"), Arrays.copyOf(train, 3074 * 2 + 7));
        DataException cut = assertThrows(DataException.class, () -> Cifar100.load(folder, Split.TRAIN, Cifar100.Labels.FINE));
        assertTrue(cut.getMessage().contains("train.bin is 6155 bytes, not a whole number of 3074-byte CIFAR-100 records"),
                cut.getMessage());
        assertTrue(cut.getMessage().contains("truncated after record 2"), cut.getMessage());
    }

    @Test
    void unknownLabelKindIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cifar100.Labels.parse("medium"));
        assertTrue(e.getMessage().contains("'fine' (100 classes) or 'coarse'"), e.getMessage());
    }

    @Test
    void officialArchiveInADataRootIsFoundAndExtracted() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifar100Folder(source);
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        Files.write(root.resolve(Cifar100.ARCHIVE), DataFiles.tarGz(source, Cifar100.FOLDER));
        DatasetLocator locator = new DatasetLocator(root, null, Map.of(), dir);
        assertEquals(Optional.of(root.resolve(Cifar100.FOLDER)), locator.find(StandardDataset.CIFAR100));
        assertEquals(4, new DatasetRepository(locator, null).load(StandardDataset.CIFAR100, Split.TRAIN).size());
    }

    @Test
    void archiveOfTheWrongDatasetIsRejectedByName() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifarFolder(source);
        Path archive = Files.write(dir.resolve(Cifar100.ARCHIVE), DataFiles.tarGz(source, Cifar10.FOLDER));
        DataException e = assertThrows(DataException.class,
                () -> CifarArchive.extract(StandardDataset.CIFAR100, archive, dir.resolve("root")));
        assertTrue(e.getMessage().contains("does not contain cifar-100-binary/ with train.bin, test.bin"), e.getMessage());
    }
}
