package nnrun.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10, binary version: each {@code .bin} file is a run of 3073-byte records, one label byte
 * (0..9) then the [3,32,32] image (see {@link CifarBinaryFile}). 50,000 train images in
 * data_batch_1..5.bin and 10,000 test images in test_batch.bin.
 */
public final class Cifar10 {

    public static final String FOLDER = "cifar-10-batches-bin";
    public static final String ARCHIVE = "cifar-10-binary.tar.gz";
    public static final String META = "batches.meta.txt";
    public static final int CLASSES = 10;
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat",
            "deer", "dog", "frog", "horse", "ship", "truck");
    static final CifarBinaryFile FORMAT = new CifarBinaryFile("CIFAR-10", 1, 0, CLASSES);

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

    /** Loads one split from a cifar-10-batches-bin folder; samples have shape [3,32,32]. */
    public static Dataset load(Path folder, Split split) {
        List<Path> files = fileNames(split).stream().map(folder::resolve).toList();
        return fromBinaryFiles("cifar10-" + split.name().toLowerCase(), files, classNames(folder));
    }

    /** Reads and concatenates CIFAR-10 binary batch files in the given order. */
    public static Dataset fromBinaryFiles(String name, List<Path> files, List<String> classNames) {
        return FORMAT.read(name, files, classNames);
    }

    /** Class names from batches.meta.txt when the folder has it; the official names otherwise. */
    static List<String> classNames(Path folder) {
        return FORMAT.classNames(folder.resolve(META), CLASS_NAMES);
    }
}
