package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardDatasetTest {

    @Test
    void configNamesAreMatchedIgnoringCaseDashesAndUnderscores() {
        assertEquals(StandardDataset.FASHION_MNIST, StandardDataset.named("fashion_mnist"));
        assertEquals(StandardDataset.FASHION_MNIST, StandardDataset.named("Fashion-MNIST"));
        assertEquals(StandardDataset.KMNIST, StandardDataset.named("kmnist"));
        assertEquals(StandardDataset.CIFAR100, StandardDataset.named("CIFAR-100"));
        DataException e = assertThrows(DataException.class, () -> StandardDataset.named("svhn"));
        assertTrue(e.getMessage().contains("choose one of mnist, fashion_mnist, kmnist, cifar10, cifar100"), e.getMessage());
    }

    @Test
    void shapesAndClassNamesAreKnownWithoutReadingAFile() {
        assertArrayEquals(new int[] {1, 28, 28}, StandardDataset.KMNIST.sampleShape());
        assertArrayEquals(new int[] {3, 32, 32}, StandardDataset.CIFAR100.sampleShape());
        assertEquals("Ankle boot", StandardDataset.FASHION_MNIST.classNames().get(9));
        assertEquals(List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"), StandardDataset.KMNIST.classNames());
        assertEquals(100, StandardDataset.CIFAR100.classNames().size());
    }

    @Test
    void fashionMnistLoadsFromTheMnistLayoutWithItsOwnNames(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("fashion-mnist");
        DataFiles.writeMnistFolder(folder, 12, 3);
        Dataset train = StandardDataset.FASHION_MNIST.load(folder, Split.TRAIN);
        assertEquals("fashion_mnist-train", train.name());
        assertEquals(12, train.size());
        assertEquals("T-shirt/top", train.classNames().get(0));
    }
}
