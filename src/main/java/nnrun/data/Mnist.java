package nnrun.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * MNIST handwritten digits from the four official IDX files: 60,000 train and 10,000 test images.
 * Fashion-MNIST and KMNIST are published in the same layout, under the same file names.
 */
public final class Mnist {

    public static final String FOLDER = "mnist";
    public static final int CLASSES = 10;
    public static final List<String> CLASS_NAMES =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private Mnist() {
    }

    /** The official file names, images then labels, as published by the mirrors. */
    public static List<String> fileNames(Split split) {
        return split == Split.TRAIN
                ? List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
                : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    }

    public static List<String> allFileNames() {
        return List.of(fileNames(Split.TRAIN).get(0), fileNames(Split.TRAIN).get(1),
                fileNames(Split.TEST).get(0), fileNames(Split.TEST).get(1));
    }

    /** Loads one split from a folder holding the official files; samples have shape [1,28,28]. */
    public static Dataset load(Path folder, Split split) {
        return load(folder, split, "mnist", CLASS_NAMES);
    }

    /** Loads one split of a dataset in the MNIST layout, e.g. Fashion-MNIST with its class names. */
    public static Dataset load(Path folder, Split split, String datasetName, List<String> classNames) {
        List<String> names = fileNames(split);
        return fromIdx(datasetName + "-" + split.name().toLowerCase(Locale.ROOT), folder.resolve(names.get(0)),
                folder.resolve(names.get(1)), classNames.size(), classNames);
    }

    /**
     * Pairs an IDX image file (records x height x width) with an IDX label file (one byte per
     * record), as for MNIST and its look-alikes such as Fashion-MNIST.
     */
    public static Dataset fromIdx(String name, Path imagesFile, Path labelsFile, int numClasses,
                                  List<String> classNames) {
        IdxFile images = IdxFile.read(imagesFile);
        IdxFile labels = IdxFile.read(labelsFile);
        if (images.dims().length != 3) {
            throw new DataException(imagesFile + ": an image file needs 3 dimensions (records, rows,"
                    + " columns) but its header declares " + Arrays.toString(images.dims())
                    + "; are the image and label files swapped?");
        }
        if (labels.dims().length != 1) {
            throw new DataException(labelsFile + ": a label file needs 1 dimension (records) but its"
                    + " header declares " + Arrays.toString(labels.dims())
                    + "; are the image and label files swapped?");
        }
        if (images.records() != labels.records()) {
            throw new DataException(imagesFile + " holds " + images.records() + " images but "
                    + labelsFile + " holds " + labels.records()
                    + " labels; both files must come from the same split");
        }
        byte[] raw = labels.values();
        int[] labelValues = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labelValues[i] = raw[i] & 0xFF;
            if (labelValues[i] >= numClasses) {
                throw new DataException(labelsFile + ": record " + i + " has label " + labelValues[i]
                        + ", outside 0.." + (numClasses - 1) + "; the file is corrupt or not a "
                        + numClasses + "-class label file");
            }
        }
        int[] shape = {1, images.dims()[1], images.dims()[2]};
        return Dataset.ofUnsignedBytes(name, shape, images.values(), labelValues, numClasses, classNames);
    }
}
