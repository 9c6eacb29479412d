package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    @TempDir
    Path dir;

    @Test
    void loadsBothSplitsFromTheOfficialFileNames() throws IOException {
        DataFiles.writeMnistFolder(dir, 12, 5);
        Dataset train = Mnist.load(dir, Split.TRAIN);
        Dataset test = Mnist.load(dir, Split.TEST);
        assertEquals(12, train.size());
        assertEquals(5, test.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.sampleShape());
        assertArrayEquals(new int[] {2, 2, 1, 1, 1, 1, 1, 1, 1, 1}, train.classCounts());
        assertEquals(7, train.label(7));
        float[] sample = new float[784];
        train.copyFeatures(3, sample, 0);
        assertEquals(3 / 255f, sample[0], 0f);
        assertEquals(3 / 255f, sample[783], 0f);
        assertEquals(12L * 784 + 4L * 12, train.heapBytes());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        DataFiles.writeMnist(dir, "images.gz", "labels-a.gz", 4);
        DataFiles.writeMnist(dir, "other.gz", "labels-b.gz", 3);
        DataException e = assertThrows(DataException.class, () -> Mnist.fromIdx("m",
                dir.resolve("images.gz"), dir.resolve("labels-b.gz"), 10, Mnist.CLASS_NAMES));
        assertTrue(e.getMessage().contains("images.gz holds 4 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("labels-b.gz holds 3 labels"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesFileAndRecord() throws IOException {
        DataFiles.writeMnist(dir, "images.gz", "labels.gz", 3);
        Files.write(dir.resolve("labels.gz"), DataFiles.gzip(DataFiles.idx(new int[] {3}, new byte[] {1, 12, 3})));
        DataException e = assertThrows(DataException.class, () -> Mnist.fromIdx("m",
                dir.resolve("images.gz"), dir.resolve("labels.gz"), 10, Mnist.CLASS_NAMES));
        assertTrue(e.getMessage().contains("labels.gz: record 1 has label 12, outside 0..9"), e.getMessage());
    }

    @Test
    void swappedImageAndLabelFilesAreCaught() throws IOException {
        DataFiles.writeMnist(dir, "images.gz", "labels.gz", 3);
        DataException e = assertThrows(DataException.class, () -> Mnist.fromIdx("m",
                dir.resolve("labels.gz"), dir.resolve("images.gz"), 10, Mnist.CLASS_NAMES));
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
    }
}
