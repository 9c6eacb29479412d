package nnrun.loss;

import nnrun.config.Options;

/** Makes a loss from its config options ({@code loss: {name: hinge, margin: 2}}). */
@FunctionalInterface
public interface LossFactory {
    Loss create(Options options);
}
