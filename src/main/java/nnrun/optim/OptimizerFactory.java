package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;
import nnrun.config.Options;

/** Makes an optimizer over the model's named parameters from its config options. */
@FunctionalInterface
public interface OptimizerFactory {
    Optimizer create(Options options, Map<String, Tensor> parameters);
}
