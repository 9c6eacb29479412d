package nnrun.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * People's own images, laid out as for torchvision's {@code ImageFolder}: one sub-folder per
 * class, named after the class, holding PNG or JPEG files (sub-folders of a class folder count
 * as that class). Class names are the sub-folder names, sorted, and label i is the i-th. Names
 * starting with '.' are skipped, and so are plain files directly in the root. Samples are
 * unsigned bytes of shape [channels, height, width].
 *
 * <p>Config ({@code dataset: image_folder}; {@code data.path} is the training folder):
 * <ul>
 *   <li>{@code size}: a whole number or [height, width]. Each image is resized so that its shorter
 *       side is {@code resize}, then centre-cropped to this size, as torchvision's
 *       {@code Resize(resize)} and {@code CenterCrop(size)} do. Without it every image must have
 *       the size of the first one.</li>
 *   <li>{@code resize}: the shorter side before the crop; default the larger side of {@code size};
 *       at least that.</li>
 *   <li>{@code color}: {@code rgb} (default, 3 channels) or {@code grayscale} (1 channel).</li>
 *   <li>{@code test_path}: a folder laid out the same way, whose classes must all be training
 *       classes; or {@code test_fraction} (default 0.2): that share of each class, picked by the
 *       run's seed, becomes the test split.</li>
 * </ul>
 */
public final class ImageDirectoryDataset {

    public static final String NAME = "image_folder";
    /** The data options this dataset reads; anything else under data is a mistake. */
    public static final Set<String> OPTION_KEYS = Set.of("size", "resize", "color", "test_path", "test_fraction");
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** Keeps the test pick independent of the other seeded streams. */
    private static final long TEST_STREAM = 0x696D616765L;

    /** Channels the samples get. */
    public enum ColorMode {
        RGB(3), GRAYSCALE(1);

        private final int channels;

        ColorMode(int channels) {
            this.channels = channels;
        }

        public int channels() {
            return channels;
        }

        /** "rgb" or "grayscale", case ignored. */
        public static ColorMode parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "rgb" -> RGB;
                case "grayscale" -> GRAYSCALE;
                default -> throw new IllegalArgumentException("color must be 'rgb' or 'grayscale', not '" + value + "'");
            };
        }
    }

    /** Height and width in pixels. */
    public record ImageSize(int height, int width) {
        public ImageSize {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("size must be at least 1x1 pixels, not " + height + "x" + width);
            }
        }

        public static ImageSize square(int side) {
            return new ImageSize(side, side);
        }
    }

    /**
     * The dataset's config options; see the class comment. Invalid combinations are refused with
     * an IllegalArgumentException naming the option, before any file is read.
     *
     * @param size         the sample size, or null to take every image as it is
     * @param resize       the shorter side before the centre crop, or null for the larger side of size
     * @param color        RGB or grayscale
     * @param testFolder   the test folder, or null to split the training folder
     * @param testFraction the share of each class held out for testing when there is no test
     *                     folder, or null for {@link #DEFAULT_TEST_FRACTION}
     */
    public record Options(ImageSize size, Integer resize, ColorMode color, Path testFolder, Double testFraction) {
        public static final Options DEFAULTS = new Options(null, null, ColorMode.RGB, null, null);

        public Options {
            if (color == null) {
                throw new IllegalArgumentException("color must be 'rgb' or 'grayscale'");
            }
            if (resize != null && size == null) {
                throw new IllegalArgumentException("resize needs size: the image is resized to resize, then"
                        + " centre-cropped to size; add size");
            }
            if (resize != null && resize < Math.max(size.height(), size.width())) {
                throw new IllegalArgumentException("resize (" + resize + ") must be at least the larger side of size ("
                        + size.height() + "x" + size.width() + ") so that the centre crop fits");
            }
            if (testFolder != null && testFraction != null) {
                throw new IllegalArgumentException("give test_path or test_fraction, not both");
            }
            if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("test_fraction must be strictly between 0 and 1, not " + testFraction);
            }
        }

        /** The shorter side images are resized to. */
        int shorterSide() {
            return resize != null ? resize : Math.max(size.height(), size.width());
        }

        double resolvedTestFraction() {
            return testFraction != null ? testFraction : DEFAULT_TEST_FRACTION;
        }
    }

    /** A class folder and its image files, sorted by path. */
    private record ClassFolder(String name, Path folder, List<Path> images) {
    }

    private ImageDirectoryDataset() {
    }

    /** The class names of a folder (its sub-folder names, sorted), found without reading an image. */
    public static List<String> classNames(Path root) {
        return classFolders(root).stream().map(Path::getFileName).map(Path::toString).toList();
    }

    /** The sample shape when {@code size} is set; otherwise it is only known from the first image. */
    public static Optional<int[]> sampleShape(Options options) {
        return Optional.ofNullable(options.size())
                .map(size -> new int[] {options.color().channels(), size.height(), size.width()});
    }

    /**
     * Reads the training folder, and the test folder or a seeded per-class share of the training
     * folder, with the folders' fingerprints as provenance.
     */
    public static DatasetSplits load(Path trainRoot, Options options, long seed) {
        List<ClassFolder> trainClasses = scan(trainRoot);
        List<String> names = trainClasses.stream().map(ClassFolder::name).toList();
        Decoder decoder = new Decoder(options);
        Dataset all = decoder.decode(NAME + "-train", trainClasses, names);
        List<FileFingerprint> files = new ArrayList<>();
        files.add(FileFingerprint.ofFolder("train", trainRoot, allImages(trainClasses)));
        Dataset train;
        Dataset test;
        if (options.testFolder() != null) {
            List<ClassFolder> testClasses = scan(options.testFolder());
            for (ClassFolder testClass : testClasses) {
                if (!names.contains(testClass.name())) {
                    throw new DataException(testClass.folder() + " is a class folder in the test folder, but the"
                            + " training folder " + trainRoot + " has no '" + testClass.name() + "' folder; every test"
                            + " class must be a training class (" + String.join(", ", names) + ")");
                }
            }
            train = all;
            test = decoder.decode(NAME + "-test", testClasses, names);
            files.add(FileFingerprint.ofFolder("test", options.testFolder(), allImages(testClasses)));
        } else {
            int[][] parts = splitPerClass(all, options.resolvedTestFraction(), seed);
            if (parts[1].length == 0) {
                throw new DataException(trainRoot + ": a test_fraction of " + options.resolvedTestFraction() + " of "
                        + all.size() + " images leaves no test images; raise test_fraction or give test_path");
            }
            train = all.subset(NAME + "-train", parts[0]);
            test = all.subset(NAME + "-test", parts[1]);
        }
        return new DatasetSplits(train, test, DataProvenance.of(NAME, files));
    }

    /**
     * In each class, round(fraction x count) images go to test (never all of them), picked by a
     * seeded shuffle; both parts keep folder order.
     */
    private static int[][] splitPerClass(Dataset all, double fraction, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            byClass.get(all.label(i)).add(i);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> members = byClass.get(c);
            int testCount = Math.min((int) Math.round(fraction * members.size()), members.size() - 1);
            int[] order = Permutation.shuffled(members.size(), SplitMix64.forKeys(seed, TEST_STREAM, c));
            for (int k = 0; k < order.length; k++) {
                (k < testCount ? test : train).add(members.get(order[k]));
            }
        }
        return new int[][] {sortedArray(train), sortedArray(test)};
    }

    private static int[] sortedArray(List<Integer> indices) {
        int[] array = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static List<Path> allImages(List<ClassFolder> classes) {
        return classes.stream().flatMap(c -> c.images().stream()).toList();
    }

    private static List<Path> classFolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DataException(root + " is not a folder; an image_folder dataset is a folder with one"
                    + " sub-folder of PNG or JPEG images per class, e.g. " + root.resolve("cat").resolve("1.png"));
        }
        try (Stream<Path> entries = Files.list(root)) {
            List<Path> folders = entries.filter(Files::isDirectory).filter(p -> !isHidden(p)).sorted().toList();
            if (folders.isEmpty()) {
                throw new DataException(root + " has no class sub-folders; put each class's images in a sub-folder"
                        + " named after the class, e.g. " + root.resolve("cat").resolve("1.png"));
            }
            return folders;
        } catch (IOException e) {
            throw new DataException(root + " could not be listed: " + e.getMessage(), e);
        }
    }

    private static List<ClassFolder> scan(Path root) {
        List<ClassFolder> classes = new ArrayList<>();
        for (Path folder : classFolders(root)) {
            List<Path> images;
            try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
                images = walk.filter(Files::isRegularFile).filter(p -> !hasHiddenPart(folder, p)).sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                throw new DataException(folder + " could not be listed: " + e.getMessage(), e);
            }
            if (images.isEmpty()) {
                throw new DataException(folder + " holds no images; put PNG or JPEG files of class '"
                        + folder.getFileName() + "' in it, or remove the folder");
            }
            classes.add(new ClassFolder(folder.getFileName().toString(), folder, images));
        }
        return classes;
    }

    private static boolean hasHiddenPart(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /** Decodes images into one byte array, all resized to one sample size. */
    private static final class Decoder {
        private final Options options;
        private final int channels;
        private int height;
        private int width;
        private Path sizeSetBy;

        Decoder(Options options) {
            this.options = options;
            this.channels = options.color().channels();
            if (options.size() != null) {
                height = options.size().height();
                width = options.size().width();
            }
        }

        Dataset decode(String name, List<ClassFolder> classes, List<String> classNames) {
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (ClassFolder c : classes) {
                for (Path image : c.images()) {
                    files.add(image);
                    labels.add(classNames.indexOf(c.name()));
                }
            }
            byte[] pixels = null;
            int sampleLength = 0;
            for (int i = 0; i < files.size(); i++) {
                ImagePixels image = sized(files.get(i), ImagePixels.read(files.get(i), channels));
                if (pixels == null) {
                    sampleLength = image.planes().length;
                    long total = (long) sampleLength * files.size();
                    if (total > Integer.MAX_VALUE - 16) {
                        throw new DataException(classes.get(0).folder().getParent() + ": " + files.size() + " images of "
                                + channels + "x" + height + "x" + width + " are more than 2 GB of pixels; set a"
                                + " smaller size under data");
                    }
                    pixels = new byte[(int) total];
                }
                System.arraycopy(image.planes(), 0, pixels, i * sampleLength, sampleLength);
            }
            int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
            return Dataset.ofUnsignedBytes(name, new int[] {channels, height, width}, pixels, labelArray,
                    classNames.size(), classNames);
        }

        private ImagePixels sized(Path file, ImagePixels image) {
            if (options.size() != null) {
                return image.resizeShorterSide(options.shorterSide()).centreCrop(height, width);
            }
            if (sizeSetBy == null) {
                sizeSetBy = file;
                height = image.height();
                width = image.width();
            } else if (image.height() != height || image.width() != width) {
                throw new DataException(file + " is " + image.width() + "x" + image.height() + " pixels but " + sizeSetBy
                        + " is " + width + "x" + height + "; images of different sizes need size (and optionally"
                        + " resize) under data, so that each is resized and centre-cropped to one size");
            }
            return image;
        }
    }
}
