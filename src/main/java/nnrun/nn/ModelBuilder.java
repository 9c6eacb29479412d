package nnrun.nn;

import java.util.ArrayList;
import java.util.List;

import nnrun.autodiff.Generator;

/**
 * Builds a {@link Sequential} from config blocks, inferring each block's in-size from the
 * previous block's output shape and checking the whole stack before any training: a block that
 * cannot take its input fails here, naming the block, the shapes and the fix.
 */
public final class ModelBuilder {
    private final LayerRegistry registry;

    public ModelBuilder(LayerRegistry registry) { this.registry = registry; }

    public ModelBuilder() { this(LayerRegistry.standard()); }

    /**
     * @param inputShape per-sample shape of the data, e.g. {3, 32, 32} or {784}
     * @param generator  the run's seeded generator; each block draws from its own split, in order
     */
    public Sequential build(List<BlockSpec> blocks, int[] inputShape, Generator generator) {
        if (blocks.isEmpty()) throw new ModelSpecException(-1, "the model has no blocks; list at least one, e.g. - linear: {out: 10}", null);
        List<Module> layers = new ArrayList<>();
        int[] shape = inputShape.clone();
        String from = "the data";
        for (int i = 0; i < blocks.size(); i++) {
            BlockSpec spec = blocks.get(i);
            Generator g = generator.split();
            String input = LayerShapes.str(shape) + " (from " + from + ")";
            try {
                BlockOptions options = new BlockOptions(spec.name(), registry.expand(spec.name(), spec.options()));
                Module layer = registry.factory(spec.name()).create(options, shape, g);
                options.rejectUnknown();
                int[] out = layer.outputShape(shape);
                if (LayerShapes.numel(out) == 0)
                    throw new IllegalArgumentException("its output " + LayerShapes.str(out) + " has no values");
                layers.add(layer);
                shape = out;
            } catch (IllegalArgumentException e) {
                throw new ModelSpecException(i, "block " + i + " '" + spec.name() + "'"
                        + (spec.where().isEmpty() ? "" : " at " + spec.where()) + ", input " + input + ": " + e.getMessage(), e);
            }
            from = "block " + i + " '" + spec.name() + "'";
        }
        return new Sequential(layers);
    }
}
