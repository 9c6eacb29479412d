package nnrun.config;

/**
 * What to train on. {@code dataset} names the registered dataset with its own options (a CSV
 * file's path and label column, a synthetic set's size and noise), which the data layer reads;
 * normalization, augmentation and the validation hold-out apply to every dataset. {@code section}
 * is the data section as written, so checks against the dataset (a per-channel mean for the
 * wrong number of channels) can point at the offending key.
 */
public record DataConfig(ComponentSpec dataset, NormalizationSpec normalize, AugmentationSpec augment,
                         ValidationSpec validation, Options section) {}
