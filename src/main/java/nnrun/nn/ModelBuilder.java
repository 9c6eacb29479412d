package nnrun.nn;

import java.util.ArrayList;
import java.util.List;

import nnrun.autodiff.Generator;
import nnrun.config.ComponentSpec;
import nnrun.config.ConfigException;
import nnrun.config.Registry;

/**
 * Builds a {@link Sequential} from config blocks, inferring each block's in-size from the
 * previous block's output shape and checking the whole stack before any training: a block that
 * cannot take its input fails here, at that block's line, naming the shapes and the fix.
 */
public final class ModelBuilder {
    private final Registry<BlockFactory> registry;

    public ModelBuilder(Registry<BlockFactory> registry) { this.registry = registry; }

    public ModelBuilder() { this(Blocks.REGISTRY); }

    /**
     * @param inputShape per-sample shape of the data, e.g. {3, 32, 32} or {784}
     * @param generator  the run's seeded generator; each block draws from its own split, in order
     */
    public Sequential build(List<ComponentSpec> blocks, int[] inputShape, Generator generator) {
        List<Module> layers = new ArrayList<>();
        int[] shape = inputShape.clone();
        String from = "the data";
        for (int i = 0; i < blocks.size(); i++) {
            ComponentSpec spec = blocks.get(i);
            Generator g = generator.split();
            String context = "block " + i + " '" + spec.name() + "', input " + LayerShapes.str(shape) + " (from " + from + "): ";
            int[] in = shape;
            Module layer;
            try {
                layer = registry.build(spec, (factory, options) -> factory.create(options, in, g));
                shape = layer.outputShape(in);
                if (LayerShapes.numel(shape) == 0) throw new IllegalArgumentException("its output " + LayerShapes.str(shape) + " has no values");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(spec.where(), spec.options().path(), context + e.getMessage(),
                        "change this block or the one before it");
            }
            layers.add(layer);
            from = "block " + i + " '" + spec.name() + "'";
        }
        return new Sequential(layers);
    }
}
