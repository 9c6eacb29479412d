package nnrun.data;

import nnrun.config.Options;

/** Reads a dataset entry's own options (everything under data: but dataset, normalize, augment, validation). */
@FunctionalInterface
public interface DatasetFactory {
    DatasetSource create(Options options);
}
