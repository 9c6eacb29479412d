package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransformsTest {

    @Test
    void normalizationIsFittedPerChannel() {
        // Two 2-channel samples of 2 pixels: channel 0 holds 0,0,1,1 and channel 1 holds 0.2 everywhere.
        float[] x = {0, 0, 0.2f, 0.2f, 1, 1, 0.2f, 0.2f};
        Dataset d = Dataset.ofFloats("d", new int[] {2, 1, 2}, x, new int[] {0, 1}, 2, null);
        Normalization n = Normalization.fit(d);
        assertArrayEquals(new float[] {0.5f, 0.2f}, n.mean(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f}, n.std(), 1e-6f, "a constant channel keeps std 1");
        float[] sample = {1, 0, 0.2f, 0.7f};
        n.apply(sample, 0, new int[] {2, 1, 2});
        assertArrayEquals(new float[] {1, -1, 0, 0.5f}, sample, 1e-6f);
    }

    @Test
    void imageBytesAreNormalizedOnTheirZeroToOneScale() {
        byte[] pixels = {0, (byte) 255, 0, (byte) 255};
        Dataset d = Dataset.ofUnsignedBytes("b", new int[] {1, 2, 2}, pixels, new int[] {0}, 1, null);
        Normalization n = Normalization.fit(d);
        assertArrayEquals(new float[] {0.5f}, n.mean());
        assertArrayEquals(new float[] {0.5f}, n.std());
    }

    @Test
    void shiftMovesTheImageAndFillsWithZeros() {
        float[] img = {
            1, 2, 3,
            4, 5, 6,
            7, 8, 9};
        RandomCrop.shift(img, 0, 1, 3, 3, 1, -1);
        // out(y, x) = in(y + 1, x - 1): the image moves up one row and right one column.
        assertArrayEquals(new float[] {
            0, 4, 5,
            0, 7, 8,
            0, 0, 0}, img);
        float[] back = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        RandomCrop.shift(back, 0, 1, 3, 3, -1, 2);
        assertArrayEquals(new float[] {0, 0, 0, 3, 0, 0, 6, 0, 0}, back);
    }

    @Test
    void randomCropOffsetsStayWithinThePadding() {
        float[] img = new float[32 * 32];
        SplitMix64 random = new SplitMix64(5);
        for (int trial = 0; trial < 200; trial++) {
            Arrays.fill(img, 1f);
            new RandomCrop(4).apply(img, 0, new int[] {1, 32, 32}, random);
            int kept = 0;
            for (float v : img) {
                kept += (int) v;
            }
            // A shift of at most 4 rows and 4 columns keeps at least 28 x 28 of the original pixels.
            assertTrue(kept >= 28 * 28, "kept " + kept);
        }
    }

    @Test
    void flipMirrorsEveryRowOfEveryChannel() {
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8};
        new HorizontalFlip(1).apply(img, 0, new int[] {2, 2, 2}, new SplitMix64(0));
        assertArrayEquals(new float[] {2, 1, 4, 3, 6, 5, 8, 7}, img);
    }

    @Test
    void augmentationsRefuseNonImageSamples() {
        assertThrows(IllegalArgumentException.class,
                () -> new HorizontalFlip(0.5).apply(new float[3], 0, new int[] {3}, new SplitMix64(0)));
    }

    @Test
    void validationSplitIsSeededDisjointAndComplete() {
        float[] x = new float[100];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            labels[i] = i % 4;
        }
        Dataset full = Dataset.ofFloats("full", new int[] {1}, x, labels, 4, List.of("a", "b", "c", "d"));
        ValidationSplit split = ValidationSplit.ofFraction(full, 0.2, 7);
        assertEquals(80, split.train().size());
        assertEquals(20, split.validation().size());
        assertEquals(List.of("a", "b", "c", "d"), split.validation().classNames());
        boolean[] seen = new boolean[100];
        float[] one = new float[1];
        for (Dataset part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                part.copyFeatures(i, one, 0);
                assertFalse(seen[(int) one[0]], "sample " + one[0] + " in both parts");
                seen[(int) one[0]] = true;
                assertEquals((int) one[0] % 4, part.label(i));
            }
        }
        ValidationSplit again = ValidationSplit.of(full, 20, 7);
        again.validation().copyFeatures(0, one, 0);
        float first = one[0];
        split.validation().copyFeatures(0, one, 0);
        assertEquals(first, one[0]);
    }
}
