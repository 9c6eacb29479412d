package nnrun.data;

import java.util.Arrays;
import java.util.List;

/**
 * n labelled samples of one shape, e.g. [1,28,28] for MNIST, [3,32,32] for CIFAR-10 (channels
 * first), or [d] for tabular data. Image pixels stay as unsigned bytes so that MNIST train takes
 * 47 MB and CIFAR-10 train 154 MB of heap; {@link #copyFeatures} turns one sample into floats
 * scaled to [0,1] only when a batch needs it.
 */
public final class Dataset {

    private final String name;
    private final int[] sampleShape;
    private final int sampleLength;
    private final SampleStore samples;
    private final int[] labels;
    private final int numClasses;
    private final List<String> classNames;

    private Dataset(String name, int[] sampleShape, SampleStore samples, int[] labels,
                    int numClasses, List<String> classNames) {
        this.name = name;
        this.sampleShape = sampleShape.clone();
        this.sampleLength = product(sampleShape);
        this.samples = samples;
        this.labels = labels;
        this.numClasses = numClasses;
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
        if (samples.length() != (long) labels.length * sampleLength) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but "
                    + samples.length() + " feature values for samples of shape "
                    + Arrays.toString(sampleShape));
        }
        if (!this.classNames.isEmpty() && this.classNames.size() != numClasses) {
            throw new IllegalArgumentException(name + ": " + this.classNames.size()
                    + " class names for " + numClasses + " classes");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": sample " + i + " has label "
                        + labels[i] + ", outside 0.." + (numClasses - 1));
            }
        }
    }

    /** Samples stored as unsigned bytes (0..255), read back as value/255. */
    public static Dataset ofUnsignedBytes(String name, int[] sampleShape, byte[] pixels, int[] labels,
                                          int numClasses, List<String> classNames) {
        return new Dataset(name, sampleShape, new SampleStore.UnsignedBytes(pixels), labels,
                numClasses, classNames);
    }

    /** Samples stored as floats, read back unchanged. */
    public static Dataset ofFloats(String name, int[] sampleShape, float[] features, int[] labels,
                                   int numClasses, List<String> classNames) {
        return new Dataset(name, sampleShape, new SampleStore.Floats(features), labels,
                numClasses, classNames);
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Number of values in one sample: the product of the sample shape. */
    public int sampleLength() {
        return sampleLength;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Class names in label order, or an empty list when the source has none. */
    public List<String> classNames() {
        return classNames;
    }

    public int label(int index) {
        return labels[index];
    }

    /** Writes sample {@code index} as {@link #sampleLength()} floats into dst starting at dstOff. */
    public void copyFeatures(int index, float[] dst, int dstOff) {
        samples.copy((long) index * sampleLength, sampleLength, dst, dstOff);
    }

    /** How many samples carry each label, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** A new dataset holding copies of the given samples, in the given order. */
    public Dataset subset(String subsetName, int[] indices) {
        int[] subsetLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            subsetLabels[i] = labels[indices[i]];
        }
        return new Dataset(subsetName, sampleShape, samples.gather(indices, sampleLength),
                subsetLabels, numClasses, classNames);
    }

    /** Approximate heap held by the samples and labels, for memory budgets. */
    public long heapBytes() {
        return samples.heapBytes() + 4L * labels.length;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " samples of shape " + Arrays.toString(sampleShape) + ", "
                + numClasses + " classes)";
    }

    public static int product(int[] shape) {
        long p = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("sample shape " + Arrays.toString(shape)
                        + " has a non-positive dimension");
            }
            p *= d;
        }
        if (p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) p;
    }
}
