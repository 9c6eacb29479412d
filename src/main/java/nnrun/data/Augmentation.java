package nnrun.data;

import java.util.Arrays;

/**
 * A random change to one training sample, applied in place to its [C,H,W] floats before
 * normalization. All randomness comes from the generator passed in, which the loader seeds per
 * (seed, epoch, batch), so a resumed run sees the same augmented batches.
 */
public interface Augmentation {

    void apply(float[] x, int off, int[] sampleShape, SplitMix64 random);

    static void requireImage(int[] sampleShape, String what) {
        if (sampleShape.length != 3) {
            throw new IllegalArgumentException(what + " needs image samples of shape [C,H,W], got "
                    + Arrays.toString(sampleShape));
        }
    }
}
