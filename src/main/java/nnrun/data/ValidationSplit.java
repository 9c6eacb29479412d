package nnrun.data;

import java.util.Arrays;

/**
 * Carves a validation set out of the training data: a seeded permutation picks which samples go
 * to validation; both parts keep the original sample order.
 */
public record ValidationSplit(Dataset train, Dataset validation) {

    /** Stream key that keeps this permutation independent of the loader's epoch shuffles. */
    private static final long STREAM = 0x76616C6964L;

    public static ValidationSplit of(Dataset full, int validationSize, long seed) {
        if (validationSize <= 0 || validationSize >= full.size()) {
            throw new IllegalArgumentException("validation size must be between 1 and " + (full.size() - 1)
                    + " for " + full.name() + " (" + full.size() + " samples), got " + validationSize);
        }
        int[] order = Permutation.shuffled(full.size(), SplitMix64.forKeys(seed, STREAM));
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] train = Arrays.copyOfRange(order, validationSize, order.length);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new ValidationSplit(full.subset(full.name(), train),
                full.subset(full.name() + "-validation", validation));
    }

    /** Validation takes round(fraction * size) samples. */
    public static ValidationSplit ofFraction(Dataset full, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be strictly between 0 and 1, got " + fraction);
        }
        return of(full, (int) Math.round(fraction * full.size()), seed);
    }
}
