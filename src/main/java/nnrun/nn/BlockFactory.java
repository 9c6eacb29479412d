package nnrun.nn;

import nnrun.autodiff.Generator;
import nnrun.config.Options;

/**
 * Makes one layer from its config options and the per-sample shape of its input, which gives its
 * in-size: {@code linear: {out: 512}} after a 16×5×5 block gets 400 input features.
 */
@FunctionalInterface
public interface BlockFactory {
    Module create(Options options, int[] inputShape, Generator generator);
}
