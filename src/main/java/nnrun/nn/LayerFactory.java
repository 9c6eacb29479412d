package nnrun.nn;

import nnrun.autodiff.Generator;

/** Makes one layer from its options and the per-sample shape of its input (which gives its in-size). */
@FunctionalInterface
public interface LayerFactory {
    Module create(BlockOptions options, int[] inputShape, Generator generator);
}
