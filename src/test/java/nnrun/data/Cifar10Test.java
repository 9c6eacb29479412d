package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10Test {

    @TempDir
    Path dir;

    @Test
    void loadsTrainBatchesInOrderAndTheTestBatch() throws IOException {
        Path folder = dir.resolve(Cifar10.FOLDER);
        DataFiles.writeCifarFolder(folder);
        Dataset train = Cifar10.load(folder, Split.TRAIN);
        Dataset test = Cifar10.load(folder, Split.TEST);
        assertEquals(10, train.size());
        assertEquals(3, test.size());
        assertArrayEquals(new int[] {3, 32, 32}, train.sampleShape());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, train.classCounts());
        assertEquals(List.of(3, 1, 4), List.of(test.label(0), test.label(1), test.label(2)));
        assertEquals("truck", train.classNames().get(9));
        // Record 1 of data_batch_2 is sample 3; its green plane (channel 1) was filled with 10*1 + 1.
        float[] sample = new float[3072];
        train.copyFeatures(3, sample, 0);
        assertEquals(10 / 255f, sample[0]);
        assertEquals(11 / 255f, sample[1024]);
        assertEquals(12 / 255f, sample[3071]);
    }

    @Test
    void truncatedBatchNamesTheLastWholeRecord() throws IOException {
        Path folder = dir.resolve(Cifar10.FOLDER);
        DataFiles.writeCifarFolder(folder);
        byte[] two = Files.readAllBytes(folder.resolve("data_batch_3.bin"));
        Files.write(folder.resolve("data_batch_3.bin"), Arrays.copyOf(two, 3073 + 100));
        DataException e = assertThrows(DataException.class, () -> Cifar10.load(folder, Split.TRAIN));
        assertTrue(e.getMessage().contains("data_batch_3.bin is 3173 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated after record 1"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesFileAndRecord() throws IOException {
        Path folder = dir.resolve(Cifar10.FOLDER);
        DataFiles.writeCifarFolder(folder);
        Files.write(folder.resolve("test_batch.bin"), DataFiles.cifarRecords(0, 1, 2, 10));
        DataException e = assertThrows(DataException.class, () -> Cifar10.load(folder, Split.TEST));
        assertTrue(e.getMessage().contains("test_batch.bin: record 3 has label 10, outside 0..9"), e.getMessage());
    }

    @Test
    void metaFileMustListTenClasses() throws IOException {
        Path folder = dir.resolve(Cifar10.FOLDER);
        DataFiles.writeCifarFolder(folder);
        Files.writeString(folder.resolve(Cifar10.META), "cat\ndog\n");
        DataException e = assertThrows(DataException.class, () -> Cifar10.load(folder, Split.TEST));
        assertTrue(e.getMessage().contains("lists 2 class names; CIFAR-10 has 10"), e.getMessage());
    }

    @Test
    void officialArchiveIsExtractedIntoTheRoot() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifarFolder(source);
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        Path archive = Files.write(root.resolve(Cifar10.ARCHIVE), DataFiles.tarGz(source, Cifar10.FOLDER));

        Path folder = CifarArchive.extract(StandardDataset.CIFAR10, archive, root);

        assertEquals(root.resolve(Cifar10.FOLDER), folder);
        assertEquals(10, Cifar10.load(folder, Split.TRAIN).size());
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(Cifar10.FOLDER, Cifar10.ARCHIVE),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no staging folder left behind");
        }
    }

    @Test
    void entryEscapingTheTargetAbortsAndLeavesNothing() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifarFolder(source);
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        Path archive = Files.write(root.resolve(Cifar10.ARCHIVE),
                DataFiles.tarGz(source, Cifar10.FOLDER, "../../evil.sh", "echo owned"));

        DataException e = assertThrows(DataException.class, () -> CifarArchive.extract(StandardDataset.CIFAR10, archive, root));

        assertTrue(e.getMessage().contains("entry '../../evil.sh' would be written outside the target folder"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("evil.sh")));
        assertFalse(Files.exists(root.resolve(Cifar10.FOLDER)), "nothing half-extracted");
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(1, left.count(), "only the archive remains");
        }
    }

    @Test
    void archiveWithoutTheBatchesIsRejected() throws IOException {
        Path source = dir.resolve("source");
        Files.createDirectories(source);
        Files.writeString(source.resolve("readme.txt"), "not cifar");
        Path archive = Files.write(dir.resolve(Cifar10.ARCHIVE), DataFiles.tarGz(source, "other"));
        DataException e = assertThrows(DataException.class, () -> CifarArchive.extract(StandardDataset.CIFAR10, archive, dir.resolve("root")));
        assertTrue(e.getMessage().contains("does not contain cifar-10-batches-bin/"), e.getMessage());
    }

    @Test
    void aHalfFilledFolderIsNotOverwrittenByTheArchive() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifarFolder(source);
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve(Cifar10.FOLDER));
        Files.write(root.resolve(Cifar10.FOLDER).resolve("data_batch_1.bin"), DataFiles.cifarRecords(1));
        Path archive = Files.write(root.resolve(Cifar10.ARCHIVE), DataFiles.tarGz(source, Cifar10.FOLDER));
        DataException e = assertThrows(DataException.class, () -> CifarArchive.extract(StandardDataset.CIFAR10, archive, root));
        assertTrue(e.getMessage().contains("exists but lacks some of data_batch_1.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it so that"), e.getMessage());
    }

    @Test
    void anEntryLargerThanTheOfficialFileIsRefusedBeforeWritingIt() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifarFolder(source);
        // 40 MB of zeros compress to about 40 KB; the official data_batch_1.bin has 30730000 bytes.
        Files.write(source.resolve("data_batch_1.bin"), new byte[40_000_000]);
        Path root = dir.resolve("root");
        Files.createDirectories(root);
        Path archive = Files.write(root.resolve(Cifar10.ARCHIVE), DataFiles.tarGz(source, Cifar10.FOLDER));
        assertTrue(Files.size(archive) < 1 << 20, Files.size(archive) + " bytes");

        DataException e = assertThrows(DataException.class, () -> CifarArchive.extract(StandardDataset.CIFAR10, archive, root));

        assertEquals(archive + ": entry 'cifar-10-batches-bin/data_batch_1.bin' declares 40000000 bytes, more than the"
                + " 30730000 bytes of the official data_batch_1.bin; refusing to extract. Delete it and download "
                + Cifar10.ARCHIVE + " again", e.getMessage());
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(Cifar10.ARCHIVE), left.map(p -> p.getFileName().toString()).toList(), "nothing extracted");
        }
    }

    @Test
    void aLargeFileTheOfficialArchiveDoesNotHaveIsRefused() throws IOException {
        Path source = dir.resolve("source");
        DataFiles.writeCifarFolder(source);
        Files.write(source.resolve("filler.bin"), new byte[100_000]);
        Path archive = Files.write(dir.resolve(Cifar10.ARCHIVE), DataFiles.tarGz(source, Cifar10.FOLDER));
        DataException e = assertThrows(DataException.class, () -> CifarArchive.extract(StandardDataset.CIFAR10, archive, dir.resolve("root")));
        assertEquals(archive + ": entry 'cifar-10-batches-bin/filler.bin' declares 100000 bytes, more than the 65536"
                + " bytes allowed for a file the official archive does not have; refusing to extract. Delete it and"
                + " download " + Cifar10.ARCHIVE + " again", e.getMessage());
    }
}
