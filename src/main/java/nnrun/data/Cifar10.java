package nnrun.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10, binary version: each {@code .bin} file is a run of 3073-byte records, one label byte
 * (0..9) then 1024 red, 1024 green and 1024 blue bytes of a 32x32 image in row-major order, which
 * is already the channels-first [3,32,32] layout. 50,000 train images in data_batch_1..5.bin and
 * 10,000 test images in test_batch.bin.
 */
public final class Cifar10 {

    public static final String FOLDER = "cifar-10-batches-bin";
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    public static final String META = "batches.meta.txt";
    public static final int CLASSES = 10;
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat",
            "deer", "dog", "frog", "horse", "ship", "truck");
    static final int IMAGE_BYTES = 3 * 32 * 32;
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;

    private Cifar10() {
    }

    public static List<String> fileNames(Split split) {
        return split == Split.TRAIN
                ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                        "data_batch_4.bin", "data_batch_5.bin")
                : List.of("test_batch.bin");
    }

    public static List<String> allFileNames() {
        List<String> names = new ArrayList<>(fileNames(Split.TRAIN));
        names.addAll(fileNames(Split.TEST));
        return names;
    }

    /** True when folder holds all six official batch files. */
    public static boolean isComplete(Path folder) {
        return allFileNames().stream().allMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    /** Loads one split from a cifar-10-batches-bin folder; samples have shape [3,32,32]. */
    public static Dataset load(Path folder, Split split) {
        List<Path> files = fileNames(split).stream().map(folder::resolve).toList();
        return fromBinaryFiles("cifar10-" + split.name().toLowerCase(), files, classNames(folder));
    }

    /** Reads and concatenates CIFAR-10 binary batch files in the given order. */
    public static Dataset fromBinaryFiles(String name, List<Path> files, List<String> classNames) {
        long total = 0;
        for (Path file : files) {
            total += recordCount(file);
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 16) {
            throw new DataException(files + ": " + total + " records do not fit in one array");
        }
        byte[] pixels = new byte[(int) (total * IMAGE_BYTES)];
        int[] labels = new int[(int) total];
        int next = 0;
        for (Path file : files) {
            next = readRecords(file, pixels, labels, next);
        }
        return Dataset.ofUnsignedBytes(name, new int[] {3, 32, 32}, pixels, labels, CLASSES, classNames);
    }

    /**
     * Class names from batches.meta.txt (one per line, label order) when the folder has it; the
     * official names otherwise, since they are fixed by the dataset.
     */
    static List<String> classNames(Path folder) {
        Path meta = folder.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return CLASS_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (names.size() != CLASSES) {
                throw new DataException(meta + " lists " + names.size() + " class names; CIFAR-10 has "
                        + CLASSES + ", one per line in label order. Fix or delete the file.");
            }
            return names;
        } catch (IOException e) {
            throw new DataException(meta + " could not be read: " + e.getMessage(), e);
        }
    }

    private static long recordCount(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0 || size % RECORD_BYTES != 0) {
                throw new DataException(file + " is " + size + " bytes, not a whole number of "
                        + RECORD_BYTES + "-byte CIFAR-10 records: it is truncated after record "
                        + (size / RECORD_BYTES) + " or not a CIFAR-10 binary batch; download it again");
            }
            return size / RECORD_BYTES;
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage()
                    + "; expected an official CIFAR-10 binary batch file", e);
        }
    }

    private static int readRecords(Path file, byte[] pixels, int[] labels, int first) {
        int index = first;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            int label;
            while ((label = in.read()) != -1) {
                int record = index - first;
                if (label >= CLASSES) {
                    throw new DataException(file + ": record " + record + " has label " + label
                            + ", outside 0.." + (CLASSES - 1) + "; the file is corrupt, download it again");
                }
                labels[index] = label;
                int got = in.readNBytes(pixels, index * IMAGE_BYTES, IMAGE_BYTES);
                if (got != IMAGE_BYTES) {
                    throw new DataException(file + " is truncated inside record " + record
                            + "; download it again");
                }
                index++;
            }
            return index;
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage(), e);
        }
    }
}
