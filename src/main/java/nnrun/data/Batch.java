package nnrun.data;

/**
 * One mini-batch: {@code size} samples laid out one after another in x (NCHW for images, so x
 * holds size * prod(sampleShape) floats) and their labels.
 */
public record Batch(float[] x, int[] labels, int size, int[] sampleShape) {
}
