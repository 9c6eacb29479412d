package nnrun.config;

import java.util.Optional;

/**
 * What to train on. {@code options} holds the dataset's own keys (a CSV file's label column,
 * a synthetic set's size and noise); the data layer checks them with {@link Options#requireOnly}.
 * {@code path} empty means the dataset's default location.
 */
public record DataConfig(String dataset, Optional<String> path, NormalizationSpec normalize, AugmentationSpec augment,
                         ValidationSpec validation, Options options) {}
