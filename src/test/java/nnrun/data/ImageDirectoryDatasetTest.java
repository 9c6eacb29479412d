package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import nnrun.data.ImageDirectoryDataset.ColorMode;
import nnrun.data.ImageDirectoryDataset.ImageSize;
import nnrun.data.ImageDirectoryDataset.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDirectoryDatasetTest {

    @TempDir
    Path dir;

    private static Options sized(int side, ColorMode color, Path testFolder) {
        return new Options(ImageSize.square(side), null, color, testFolder, null);
    }

    /** The sample's values back as bytes 0..255. */
    private static int[] bytes(Dataset d, int index) {
        float[] values = new float[d.sampleLength()];
        d.copyFeatures(index, values, 0);
        return IntStream.range(0, values.length).map(i -> Math.round(values[i] * 255)).toArray();
    }

    private Path threeClasses(Path root) throws IOException {
        DataFiles.writeImage(root.resolve("dog/1.png"), DataFiles.solidImage(6, 6, 0x204080), "png");
        DataFiles.writeImage(root.resolve("dog/2.jpg"), DataFiles.solidImage(6, 6, 0x204080), "jpeg");
        DataFiles.writeImage(root.resolve("cat/a.png"), DataFiles.solidImage(6, 6, 0xFF0000), "png");
        DataFiles.writeImage(root.resolve("bird/nested/x.png"), DataFiles.solidImage(6, 6, 0x00FF00), "png");
        Files.writeString(root.resolve("cat/.DS_Store"), "finder junk");
        Files.writeString(root.resolve("LICENSE.txt"), "files in the root are not classes");
        return root;
    }

    @Test
    void classesAreTheSortedSubFoldersAndLabelsFollowThem() throws IOException {
        Path train = threeClasses(dir.resolve("train"));
        Path test = dir.resolve("test");
        DataFiles.writeImage(test.resolve("dog/t.png"), DataFiles.solidImage(6, 6, 0x204080), "png");

        assertEquals(List.of("bird", "cat", "dog"), ImageDirectoryDataset.classNames(train));
        DatasetSplits splits = ImageDirectoryDataset.load(train, new Options(null, null, ColorMode.RGB, test, null), 1);

        Dataset d = splits.train();
        assertEquals(List.of("bird", "cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {3, 6, 6}, d.sampleShape());
        assertEquals(List.of(0, 1, 2, 2), IntStream.range(0, d.size()).map(d::label).boxed().toList(),
                "bird/nested/x.png, cat/a.png, dog/1.png, dog/2.jpg; .DS_Store and LICENSE.txt skipped");
        int[] red = bytes(d, 1);
        assertEquals(255, red[0]);
        assertEquals(0, red[36]);
        int[] jpeg = bytes(d, 3);
        assertEquals(0x20, jpeg[0], 3.0, "a solid JPEG decodes to about its colour");
        assertEquals(0x40, jpeg[36], 3.0);
        assertEquals(0x80, jpeg[72], 3.0);
        assertEquals(1, splits.test().size());
        assertEquals(2, splits.test().label(0), "test labels use the training classes' order");
        assertEquals(3, splits.test().numClasses());
    }

    @Test
    void resizeAndCentreCropMatchPillowAsTorchvisionRunsIt() throws IOException {
        // Expected values: Pillow 9.4, img.resize((5, 4), BILINEAR) then crop((0, 0, 4, 4)) of the 13x9 pattern,
        // i.e. torchvision Resize(4) then CenterCrop(4).
        Path root = dir.resolve("images");
        DataFiles.writeImage(root.resolve("a/p.png"), DataFiles.patternImage(13, 9), "png");
        Dataset rgb = ImageDirectoryDataset.load(root, sized(4, ColorMode.RGB, root), 0).train();
        assertArrayEquals(new int[] {48, 133, 151, 73, 70, 155, 150, 95, 96, 178, 101, 121, 118, 172, 78, 143,
                154, 158, 132, 141, 129, 131, 91, 98, 117, 129, 142, 155, 92, 104, 117, 130,
                172, 109, 87, 158, 50, 68, 137, 141, 99, 130, 168, 109, 158, 189, 148, 120}, bytes(rgb, 0));

        // Pillow: img.convert("L") first, then the same resize and crop.
        Dataset gray = ImageDirectoryDataset.load(root, sized(4, ColorMode.GRAYSCALE, root), 0).train();
        assertArrayEquals(new int[] {124, 145, 132, 123, 102, 131, 114, 102, 109, 144, 133, 140, 107, 134, 110, 133},
                bytes(gray, 0));
    }

    @Test
    void enlargingAndNonSquareSizesMatchPillowToo() throws IOException {
        Path small = dir.resolve("small");
        DataFiles.writeImage(small.resolve("a/p.png"), DataFiles.patternImage(3, 2), "png");
        // Resize(5) makes 7x5, CenterCrop(5) starts at x = 1.
        Dataset up = ImageDirectoryDataset.load(small, sized(5, ColorMode.RGB, small), 0).train();
        assertArrayEquals(new int[] {5, 21, 37, 53, 69, 6, 22, 38, 54, 70, 11, 27, 43, 59, 75, 15, 31, 47, 63, 79,
                16, 32, 48, 64, 80, 91, 93, 95, 97, 99, 98, 100, 102, 104, 106, 127, 129, 131, 133, 135, 155, 157,
                159, 161, 163, 162, 164, 166, 168, 170, 200, 202, 203, 207, 211, 203, 205, 206, 210, 214, 215, 217,
                218, 222, 226, 226, 228, 229, 233, 237, 229, 231, 232, 236, 240}, bytes(up, 0));

        Path wide = dir.resolve("wide");
        DataFiles.writeImage(wide.resolve("a/p.png"), DataFiles.patternImage(40, 25), "png");
        Options sixBySeven = new Options(new ImageSize(6, 7), 7, ColorMode.RGB, wide, null);
        Dataset down = ImageDirectoryDataset.load(wide, sixBySeven, 0).train();
        assertArrayEquals(new int[] {3, 6, 7}, down.sampleShape());
        int[] expectedRed = {100, 147, 104, 146, 113, 144, 121, 120, 134, 126, 118, 137, 115, 146, 145, 109, 152, 103,
                149, 96, 153, 151, 99, 153, 104, 151, 110, 149, 145, 117, 125, 125, 121, 134, 117, 117, 144, 111, 153,
                109, 151, 98};
        assertArrayEquals(expectedRed, Arrays.copyOf(bytes(down, 0), 42));
    }

    @Test
    void grayscalePngStaysAtItsGrayLevelsAndBecomesRgbByRepeating() throws IOException {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 50);
        gray.getRaster().setSample(1, 0, 0, 200);
        Path root = dir.resolve("gray");
        DataFiles.writeImage(root.resolve("a/g.png"), gray, "png");
        Dataset rgb = ImageDirectoryDataset.load(root, new Options(null, null, ColorMode.RGB, root, null), 0).train();
        assertArrayEquals(new int[] {50, 200, 50, 200, 50, 200}, bytes(rgb, 0));
        Dataset one = ImageDirectoryDataset.load(root, new Options(null, null, ColorMode.GRAYSCALE, root, null), 0).train();
        assertArrayEquals(new int[] {50, 200}, bytes(one, 0));
    }

    @Test
    void testFractionHoldsOutTheSameShareOfEachClassBySeed() throws IOException {
        Path root = dir.resolve("images");
        for (int i = 0; i < 10; i++) {
            DataFiles.writeImage(root.resolve("a/" + i + ".png"), DataFiles.solidImage(2, 2, i), "png");
            DataFiles.writeImage(root.resolve("b/" + i + ".png"), DataFiles.solidImage(2, 2, 0x100 * i), "png");
        }
        Options options = new Options(null, null, ColorMode.RGB, null, 0.3);
        DatasetSplits first = ImageDirectoryDataset.load(root, options, 7);
        assertEquals(14, first.train().size());
        assertArrayEquals(new int[] {3, 3}, first.test().classCounts());
        Set<List<Integer>> trainSamples = samples(first.train());
        Set<List<Integer>> testSamples = samples(first.test());
        trainSamples.retainAll(testSamples);
        assertTrue(trainSamples.isEmpty(), "no image is in both splits");

        assertEquals(samples(first.test()), samples(ImageDirectoryDataset.load(root, options, 7).test()), "same seed, same split");
        assertNotEquals(samples(first.test()), samples(ImageDirectoryDataset.load(root, options, 8).test()));
        assertEquals(List.of("train"), first.provenance().files().stream().map(FileFingerprint::name).toList());
    }

    private static Set<List<Integer>> samples(Dataset d) {
        Set<List<Integer>> set = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            set.add(Arrays.stream(bytes(d, i)).boxed().toList());
        }
        return set;
    }

    @Test
    void provenanceFingerprintsTheTrainAndTestFolders() throws IOException {
        Path train = threeClasses(dir.resolve("train"));
        Path test = dir.resolve("test");
        Path only = DataFiles.writeImage(test.resolve("cat/t.png"), DataFiles.solidImage(6, 6, 0xFF0000), "png");
        DataProvenance p = ImageDirectoryDataset.load(train, new Options(null, null, ColorMode.RGB, test, null), 0).provenance();
        assertEquals("image_folder", p.dataset());
        assertFalse(p.matchesPublished());
        assertEquals(List.of("train", "test"), p.files().stream().map(FileFingerprint::name).toList());
        assertEquals(FileFingerprint.ofFolder("test", test, List.of(only)), p.files().get(1));
        assertEquals(test.toAbsolutePath().toString(), p.files().get(1).path());
    }

    @Test
    void shapeIsKnownBeforeReadingWhenSizeIsSet() {
        assertEquals(Optional.empty(), ImageDirectoryDataset.sampleShape(Options.DEFAULTS).map(Arrays::toString));
        assertArrayEquals(new int[] {1, 24, 32}, ImageDirectoryDataset.sampleShape(
                new Options(new ImageSize(24, 32), null, ColorMode.GRAYSCALE, null, null)).orElseThrow());
    }

    @Test
    void emptyClassFolderIsNamed() throws IOException {
        Path root = threeClasses(dir.resolve("train"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("empty/.hidden.png"), "skipped");
        DataException e = assertThrows(DataException.class, () -> ImageDirectoryDataset.load(root, Options.DEFAULTS, 0));
        assertTrue(e.getMessage().startsWith(root.resolve("empty") + " holds no images"), e.getMessage());
    }

    @Test
    void nonImageFileIsNamed() throws IOException {
        Path root = threeClasses(dir.resolve("train"));
        Path notes = Files.writeString(root.resolve("cat/notes.txt"), "these are cats");
        DataException e = assertThrows(DataException.class, () -> ImageDirectoryDataset.load(root, Options.DEFAULTS, 0));
        assertEquals(notes + " is not a PNG or JPEG image; remove it from the class folder", e.getMessage());
    }

    @Test
    void damagedImageIsNamed() throws IOException {
        Path root = threeClasses(dir.resolve("train"));
        Path good = root.resolve("cat/a.png");
        byte[] png = Files.readAllBytes(good);
        Path cut = Files.write(root.resolve("cat/b.png"), Arrays.copyOf(png, png.length / 2));
        DataException e = assertThrows(DataException.class, () -> ImageDirectoryDataset.load(root, Options.DEFAULTS, 0));
        assertTrue(e.getMessage().startsWith(cut + " could not be decoded"), e.getMessage());
    }

    @Test
    void otherImageFormatsAreNamedWithWhatTheyAre() throws IOException {
        Path root = threeClasses(dir.resolve("train"));
        Path gif = DataFiles.writeImage(root.resolve("dog/3.png"), DataFiles.solidImage(6, 6, 0), "gif");
        DataException e = assertThrows(DataException.class, () -> ImageDirectoryDataset.load(root, Options.DEFAULTS, 0));
        assertTrue(e.getMessage().startsWith(gif + " is a GIF image; only PNG and JPEG are read"), e.getMessage());
    }

    @Test
    void mixedSizesWithoutSizeNameBothFilesAndTheFix() throws IOException {
        Path root = threeClasses(dir.resolve("train"));
        Path odd = DataFiles.writeImage(root.resolve("dog/3.png"), DataFiles.solidImage(8, 5, 0), "png");
        DataException e = assertThrows(DataException.class, () -> ImageDirectoryDataset.load(root, Options.DEFAULTS, 0));
        assertEquals(odd + " is 8x5 pixels but " + root.resolve("bird/nested/x.png") + " is 6x6; images of different"
                + " sizes need size (and optionally resize) under data, so that each is resized and centre-cropped to"
                + " one size", e.getMessage());
        assertEquals(4, ImageDirectoryDataset.load(root, sized(4, ColorMode.RGB, root), 0).train().sampleShape()[2]);
    }

    @Test
    void testClassMissingFromTrainingIsNamed() throws IOException {
        Path train = threeClasses(dir.resolve("train"));
        Path test = dir.resolve("test");
        DataFiles.writeImage(test.resolve("horse/1.png"), DataFiles.solidImage(6, 6, 0), "png");
        DataException e = assertThrows(DataException.class,
                () -> ImageDirectoryDataset.load(train, new Options(null, null, ColorMode.RGB, test, null), 0));
        assertTrue(e.getMessage().startsWith(test.resolve("horse") + " is a class folder in the test folder, but the"
                + " training folder " + train + " has no 'horse' folder"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(bird, cat, dog)"), e.getMessage());
    }

    @Test
    void aRootThatIsNotAClassFolderLayoutIsExplained() throws IOException {
        DataException missing = assertThrows(DataException.class,
                () -> ImageDirectoryDataset.load(dir.resolve("nope"), Options.DEFAULTS, 0));
        assertTrue(missing.getMessage().startsWith(dir.resolve("nope") + " is not a folder"), missing.getMessage());
        Path flat = dir.resolve("flat");
        DataFiles.writeImage(flat.resolve("1.png"), DataFiles.solidImage(2, 2, 0), "png");
        DataException noClasses = assertThrows(DataException.class, () -> ImageDirectoryDataset.classNames(flat));
        assertTrue(noClasses.getMessage().startsWith(flat + " has no class sub-folders"), noClasses.getMessage());
    }

    @Test
    void optionCombinationsThatCannotWorkAreRefusedBeforeReading() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Options(null, 40, ColorMode.RGB, null, null)).getMessage().startsWith("resize needs size"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Options(new ImageSize(32, 48), 40, ColorMode.RGB, null, null)).getMessage()
                .startsWith("resize (40) must be at least the larger side of size (32x48)"));
        assertEquals("give test_path or test_fraction, not both", assertThrows(IllegalArgumentException.class,
                () -> new Options(null, null, ColorMode.RGB, dir, 0.2)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Options(null, null, ColorMode.RGB, null, 1.0)).getMessage().startsWith("test_fraction must be"));
        assertEquals(ColorMode.GRAYSCALE, ColorMode.parse("Grayscale"));
        assertThrows(IllegalArgumentException.class, () -> ColorMode.parse("cmyk"));
    }
}
