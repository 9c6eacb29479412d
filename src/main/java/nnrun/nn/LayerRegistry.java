package nnrun.nn;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import nnrun.autodiff.Generator;
import nnrun.nn.init.WeightInit;

/**
 * Config names of the layer blocks and the factories that build them. A factory reads its
 * options and infers its in-size from the input shape: {@code linear: {out: 512}} after a
 * 16×5×5 block gets 400 input features. Adding a block is one line in {@link #standard()}.
 */
public final class LayerRegistry {
    private final Map<String, LayerFactory> factories = new TreeMap<>();
    private final Map<String, String> shorthands = new java.util.HashMap<>();
    /** The key the config layer gives a block's single value ({@code - dropout: 0.5}). */
    static final String SINGLE_VALUE = "value";

    /** Every built-in block. */
    public static LayerRegistry standard() {
        return new LayerRegistry()
                .register("linear", LayerRegistry::linear)
                .register("conv2d", LayerRegistry::conv2d)
                .register("maxpool2d", (o, in, g) -> new MaxPool2d(o.requirePair("kernel", "window size"),
                        o.pairOr("stride", o.requirePair("kernel", "window size")), o.pairOr("padding", new int[] {0, 0})))
                .register("avgpool2d", (o, in, g) -> new AvgPool2d(o.requirePair("kernel", "window size"),
                        o.pairOr("stride", o.requirePair("kernel", "window size")), o.pairOr("padding", new int[] {0, 0})))
                .register("global_avgpool", (o, in, g) -> new GlobalAvgPool())
                .register("flatten", (o, in, g) -> new Flatten())
                .register("relu", (o, in, g) -> new ReLU())
                .register("sigmoid", (o, in, g) -> new Sigmoid())
                .register("tanh", (o, in, g) -> new Tanh())
                .register("leaky_relu", (o, in, g) -> new LeakyReLU(o.doubleOr("slope", 0.01)))
                .register("softmax", (o, in, g) -> new Softmax())
                .register("dropout", (o, in, g) -> new Dropout(o.doubleOr("rate", 0.5), g))
                .register("batchnorm1d", (o, in, g) -> new BatchNorm1d(in.length > 0 ? in[0] : 0, o.doubleOr("eps", 1e-5), o.doubleOr("momentum", 0.1)))
                .register("batchnorm2d", (o, in, g) -> new BatchNorm2d(in.length > 0 ? in[0] : 0, o.doubleOr("eps", 1e-5), o.doubleOr("momentum", 0.1)))
                .shorthand("linear", "out").shorthand("dropout", "rate").shorthand("leaky_relu", "slope")
                .shorthand("maxpool2d", "kernel").shorthand("avgpool2d", "kernel");
    }

    /** `- dropout: 0.5` means `- dropout: {rate: 0.5}`: the option a block's single config value stands for. */
    public LayerRegistry shorthand(String name, String option) {
        shorthands.put(name, option);
        return this;
    }

    /** Options with a single config value ({@code value}) renamed to the block's shorthand option. */
    public Map<String, Object> expand(String name, Map<String, Object> options) {
        String option = shorthands.get(name);
        if (option == null || options.size() != 1 || !options.containsKey(SINGLE_VALUE)) return options;
        return Map.of(option, options.get(SINGLE_VALUE));
    }

    public LayerRegistry register(String name, LayerFactory factory) {
        if (factories.putIfAbsent(name, factory) != null) throw new IllegalArgumentException("block '" + name + "' is registered twice");
        return this;
    }

    /** The factory for a config name, or an exception listing the names that exist. */
    public LayerFactory factory(String name) {
        LayerFactory f = factories.get(name);
        if (f == null)
            throw new IllegalArgumentException("unknown block '" + name + "'; known blocks: " + String.join(", ", factories.keySet()));
        return f;
    }

    public Set<String> names() { return Collections.unmodifiableSet(factories.keySet()); }

    private static Module linear(BlockOptions o, int[] in, Generator g) {
        int out = o.requireInt("out", "the number of units");
        boolean bias = o.boolOr("bias", true);
        WeightInit init = WeightInit.byName(o.stringOr("init", "pytorch_default"));
        LayerShapes.requireFeatures("linear", in);
        return new Linear(in[0], out, bias, init, g);
    }

    private static Module conv2d(BlockOptions o, int[] in, Generator g) {
        int out = o.requireInt("out", "the number of filters");
        int[] kernel = o.requirePair("kernel", "the filter size");
        int[] stride = o.pairOr("stride", new int[] {1, 1});
        int[] dilation = o.pairOr("dilation", new int[] {1, 1});
        Object pad = o.raw("padding");
        int[] padding = pad == null || "valid".equals(pad) ? new int[] {0, 0}
                : "same".equals(pad) ? Conv2d.samePadding(kernel, stride, dilation)
                : o.toPair("padding", pad);
        boolean bias = o.boolOr("bias", true);
        WeightInit init = WeightInit.byName(o.stringOr("init", "pytorch_default"));
        LayerShapes.requireImage("conv2d", in);
        return new Conv2d(in[0], out, kernel, stride, padding, dilation, bias, init, g);
    }
}
