package nnrun.config;

import java.util.List;

/**
 * How inputs are normalized: not at all ({@code normalize: false}), per channel with the training
 * split's mean and standard deviation ({@code true}), or with given values
 * ({@code {mean: [0.1307], std: [0.3081]}}, one entry per channel).
 */
public record Normalization(boolean enabled, List<Double> mean, List<Double> std) {
    public static final Normalization NONE = new Normalization(false, List.of(), List.of());
    public static final Normalization FROM_TRAINING_DATA = new Normalization(true, List.of(), List.of());

    public Normalization {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    public static Normalization fixed(List<Double> mean, List<Double> std) {
        return new Normalization(true, mean, std);
    }

    /** True when mean and std were given rather than computed from the data. */
    public boolean isFixed() {
        return !mean.isEmpty();
    }
}
