package nnrun.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.config.ComponentSpec;
import nnrun.config.ConfigException;
import nnrun.config.ExperimentConfig;
import nnrun.loss.Loss;
import nnrun.loss.Losses;
import nnrun.nn.BlockSpec;
import nnrun.nn.LayerRegistry;
import nnrun.nn.ModelBuilder;
import nnrun.nn.ModelSpecException;
import nnrun.nn.Sequential;
import nnrun.optim.LrSchedule;
import nnrun.optim.Optimizer;
import nnrun.optim.Optimizers;
import nnrun.optim.Schedules;

/**
 * Turns a config's model, loss, optimizer and schedule entries into the objects the trainer runs,
 * through the registries of the layers that own them. Their complaints come back as
 * {@link ConfigException}s pointing at the entry's line in the config file.
 */
public final class Components {
    /** Optimizer option that is the trainer's business (clipping happens between backward and step). */
    static final String CLIP_NORM = "clip_norm";

    private Components() {}

    /** Per-sample input shape of the built-in datasets, known before any file is read. */
    public static Optional<int[]> knownInputShape(ExperimentConfig config) {
        return switch (config.data().dataset()) {
            case "mnist" -> Optional.of(new int[] {1, 28, 28});
            case "cifar10" -> Optional.of(new int[] {3, 32, 32});
            case "spirals", "xor" -> Optional.of(new int[] {2});
            case "blobs" -> Optional.of(new int[] {config.data().options().getInt("dims", 2, nnrun.config.Range.atLeast(1))});
            default -> Optional.empty();
        };
    }

    /** The model with weights drawn from the run's seed: same config and seed, same weights. */
    public static Sequential model(ExperimentConfig config, int[] inputShape) {
        List<BlockSpec> blocks = new ArrayList<>();
        for (ComponentSpec b : config.model()) blocks.add(new BlockSpec(b.name(), b.options().toPlain(), b.where().toString()));
        try {
            return new ModelBuilder().build(blocks, inputShape, new Generator(config.seed()));
        } catch (ModelSpecException e) {
            ComponentSpec at = e.blockIndex() >= 0 && e.blockIndex() < config.model().size()
                    ? config.model().get(e.blockIndex()) : null;
            if (at != null && LayerRegistry.standard().names().stream().noneMatch(at.name()::equals))
                throw at.unknownName("block", LayerRegistry.standard().names());
            throw new ConfigException(at == null ? config.model().isEmpty() ? null : config.model().get(0).where() : at.where(),
                    at == null ? "model" : at.options().path(), e.getMessage(), "change this block or the one before it");
        }
    }

    public static Loss loss(ExperimentConfig config) {
        ComponentSpec spec = config.loss();
        if (!Losses.NAMES.contains(spec.name())) throw spec.unknownName("loss", Losses.NAMES);
        return call(spec, () -> Losses.byName(spec.name(), spec.options().toPlain()));
    }

    public static Optimizer optimizer(ExperimentConfig config, Map<String, Tensor> parameters) {
        ComponentSpec spec = config.optimizer();
        if (!Optimizers.NAMES.contains(spec.name())) throw spec.unknownName("optimizer", Optimizers.NAMES);
        Map<String, Object> options = new LinkedHashMap<>(spec.options().toPlain());
        options.remove(CLIP_NORM);
        return call(spec, () -> Optimizers.byName(spec.name(), parameters, options));
    }

    /** Max global gradient norm, or 0 for no clipping ({@code optimizer.clip_norm}). */
    public static double clipNorm(ExperimentConfig config) {
        return config.optimizer().options().getDouble(CLIP_NORM, 0, nnrun.config.Range.atLeast(0));
    }

    public static LrSchedule schedule(ExperimentConfig config) {
        ComponentSpec spec = config.schedule();
        if (!Schedules.NAMES.contains(spec.name())) throw spec.unknownName("schedule", Schedules.NAMES);
        double base = config.optimizer().options().getDouble("lr", nnrun.config.Range.greaterThan(0));
        return call(spec, () -> Schedules.byName(spec.name(), base, spec.options().toPlain(), config.train().epochs()));
    }

    /** Checks every component of a config without data: what `nnrun train` does before loading anything. */
    public static void validate(ExperimentConfig config) {
        ExperimentData.checkOptions(config.data());
        loss(config);
        schedule(config);
        clipNorm(config);
        Optional<int[]> shape = knownInputShape(config);
        Map<String, Tensor> parameters = shape.isPresent() ? model(config, shape.get()).namedParameters()
                : Map.of("probe", Tensor.zeros(1).requiresGrad(true));
        optimizer(config, parameters);
    }

    private static <T> T call(ComponentSpec spec, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(spec.where(), spec.options().path(), e.getMessage(), "see docs/nn.md for its options");
        }
    }
}
