package nnrun.config;

import java.util.List;

/**
 * How inputs are normalized: not at all ({@code normalize: false}), per channel with the training
 * split's mean and standard deviation ({@code true}), or with given values
 * ({@code {mean: [0.1307], std: [0.3081]}}, one entry per channel).
 */
public record NormalizationSpec(boolean enabled, List<Double> mean, List<Double> std) {
    public static final NormalizationSpec NONE = new NormalizationSpec(false, List.of(), List.of());
    public static final NormalizationSpec FROM_TRAINING_DATA = new NormalizationSpec(true, List.of(), List.of());

    public NormalizationSpec {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
    }

    public static NormalizationSpec fixed(List<Double> mean, List<Double> std) {
        return new NormalizationSpec(true, mean, std);
    }

    /** True when mean and std were given rather than computed from the data. */
    public boolean isFixed() {
        return !mean.isEmpty();
    }
}
