package nnrun.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The record layout both CIFAR binary versions share: each record is some label bytes followed by
 * 1024 red, 1024 green and 1024 blue bytes of a 32x32 image in row-major order, which is already
 * the channels-first [3,32,32] layout. CIFAR-10 records have one label byte; CIFAR-100 records
 * have two, the coarse (superclass) label and then the fine label.
 *
 * @param datasetName   "CIFAR-10" or "CIFAR-100", for error messages
 * @param labelBytes    label bytes at the start of each record
 * @param labelPosition which of those bytes is the label to use
 * @param classes       labels must lie in 0..classes-1
 */
record CifarBinaryFile(String datasetName, int labelBytes, int labelPosition, int classes) {

    static final int IMAGE_BYTES = 3 * 32 * 32;
    static final int[] SAMPLE_SHAPE = {3, 32, 32};

    int recordBytes() {
        return labelBytes + IMAGE_BYTES;
    }

    /** Reads and concatenates binary files in the given order. */
    Dataset read(String name, List<Path> files, List<String> classNames) {
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
        return Dataset.ofUnsignedBytes(name, SAMPLE_SHAPE, pixels, labels, classes, classNames);
    }

    /**
     * Class names from a names file shipped beside the binary files (one per line, label order)
     * when the folder has it; the official names otherwise, since they are fixed by the dataset.
     */
    List<String> classNames(Path namesFile, List<String> officialNames) {
        if (!Files.isRegularFile(namesFile)) {
            return officialNames;
        }
        try {
            List<String> names = Files.readAllLines(namesFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (names.size() != officialNames.size()) {
                throw new DataException(namesFile + " lists " + names.size() + " class names; " + datasetName
                        + " has " + officialNames.size() + ", one per line in label order. Fix or delete the file.");
            }
            return names;
        } catch (IOException e) {
            throw new DataException(namesFile + " could not be read: " + e.getMessage(), e);
        }
    }

    private long recordCount(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0 || size % recordBytes() != 0) {
                throw new DataException(file + " is " + size + " bytes, not a whole number of "
                        + recordBytes() + "-byte " + datasetName + " records: it is truncated after record "
                        + (size / recordBytes()) + " or not a " + datasetName + " binary file; download it again");
            }
            return size / recordBytes();
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage()
                    + "; expected an official " + datasetName + " binary file", e);
        }
    }

    private int readRecords(Path file, byte[] pixels, int[] labels, int first) {
        byte[] labelField = new byte[labelBytes];
        int index = first;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            int got;
            while ((got = in.readNBytes(labelField, 0, labelBytes)) > 0) {
                int record = index - first;
                if (got != labelBytes) {
                    throw new DataException(file + " is truncated inside record " + record + "; download it again");
                }
                int label = labelField[labelPosition] & 0xFF;
                if (label >= classes) {
                    throw new DataException(file + ": record " + record + " has label " + label
                            + ", outside 0.." + (classes - 1) + "; the file is corrupt or not a "
                            + datasetName + " binary file, download it again");
                }
                labels[index] = label;
                if (in.readNBytes(pixels, index * IMAGE_BYTES, IMAGE_BYTES) != IMAGE_BYTES) {
                    throw new DataException(file + " is truncated inside record " + record + "; download it again");
                }
                index++;
            }
            return index;
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage(), e);
        }
    }
}
