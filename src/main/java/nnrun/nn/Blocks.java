package nnrun.nn;

import nnrun.config.Registry;

/**
 * The layer blocks by config name. Adding a block is one new file with its factory and one line
 * here; the second argument, where given, is the option a single value stands for
 * ({@code - dropout: 0.5} is {@code rate: 0.5}).
 */
public final class Blocks {
    private Blocks() {}

    public static final Registry<BlockFactory> REGISTRY = new Registry<BlockFactory>("block")
            .register("linear", "out", Linear::fromOptions)
            .register("conv2d", Conv2d::fromOptions)
            .register("maxpool2d", "kernel", MaxPool2d::fromOptions)
            .register("avgpool2d", "kernel", AvgPool2d::fromOptions)
            .register("global_avgpool", (o, in, g) -> new GlobalAvgPool())
            .register("flatten", (o, in, g) -> new Flatten())
            .register("relu", (o, in, g) -> new ReLU())
            .register("sigmoid", (o, in, g) -> new Sigmoid())
            .register("tanh", (o, in, g) -> new Tanh())
            .register("leaky_relu", "slope", LeakyReLU::fromOptions)
            .register("softmax", (o, in, g) -> new Softmax())
            .register("dropout", "rate", Dropout::fromOptions)
            .register("batchnorm1d", BatchNorm1d::fromOptions)
            .register("batchnorm2d", BatchNorm2d::fromOptions);
}
