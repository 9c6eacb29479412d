package nnrun.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nnrun.backend.Device;

/**
 * The experiment schema in one place: which keys exist, their defaults and allowed ranges
 * (docs/config.md has the same table), read from a YAML tree into records and written back out.
 */
final class ExperimentSchema {
    static final List<String> EARLY_STOPPING_METRICS =
            List.of("val_error", "val_loss", "test_error", "test_loss", "train_error", "train_loss");

    private static final Set<String> SECTIONS =
            Set.of("name", "seed", "data", "model", "loss", "optimizer", "schedule", "train", "device", "checkpoint");
    private static final String RUN_NAME = "[A-Za-z0-9._-]+";

    private ExperimentSchema() {}

    static ExperimentConfig read(ConfigNode root, String defaultName) {
        if (!(root instanceof ConfigNode.Mapping mapping)) {
            throw new ConfigException(root.where(), "", "expected a map of sections (data, model, optimizer, train, ...), got "
                    + ConfigNode.describe(root), "start from an example in configs/");
        }
        Options top = Options.of(mapping, "", mapping.where());
        top.requireOnly(SECTIONS);
        // Read in the order a config is usually written, so the first problem reported is the topmost one.
        String name = readName(top, defaultName);
        int seed = top.getInt("seed", 0, Range.ANY);
        DataConfig data = readData(top.section("data"));
        ModelSection model = readModel(top);
        return new ExperimentConfig(
                name,
                seed,
                data,
                model.blocks(),
                model.fineTuning(),
                readComponent(top, "loss", "cross_entropy"),
                readOptimizer(top),
                readSchedule(top),
                readTrain(top.section("train"), data),
                Device.fromConfigName(top.getChoice("device", Device.AUTO.configName(), Device.configNames())),
                readCheckpoint(top.section("checkpoint")));
    }

    private static String readName(Options top, String defaultName) {
        String name = top.getString("name", defaultName.replaceAll("[^A-Za-z0-9._-]", "_"));
        if (!name.matches(RUN_NAME)) {
            throw top.error("name", top.node("name"), "must be letters, digits, '.', '_' or '-', got \"" + name + "\"",
                    "it becomes part of the run folder's name; use e.g. name: cifar_fcnn");
        }
        return name;
    }

    private static DataConfig readData(Options data) {
        String dataset = data.getString("dataset");
        Options own = data.without("dataset").without("normalize").without("augment").without("validation");
        ComponentSpec spec = new ComponentSpec(dataset, own, data.node("dataset").where());
        return new DataConfig(spec, readNormalization(data), readAugmentation(data), readValidation(data), data);
    }

    private static NormalizationSpec readNormalization(Options data) {
        ConfigNode node = data.node("normalize");
        if (node == null) return NormalizationSpec.FROM_TRAINING_DATA;
        if (node instanceof ConfigNode.Mapping) {
            Options given = data.section("normalize");
            given.requireOnly(Set.of("mean", "std"));
            List<Double> mean = given.getDoubleList("mean", Range.ANY);
            List<Double> std = given.getDoubleList("std", Range.greaterThan(0));
            if (mean.size() != std.size()) {
                throw data.error("normalize", node, "needs one mean and one std per channel, got " + mean.size() + " and "
                        + std.size(), "give as many values in std as in mean");
            }
            return NormalizationSpec.fixed(mean, std);
        }
        return data.getBoolean("normalize", true) ? NormalizationSpec.FROM_TRAINING_DATA : NormalizationSpec.NONE;
    }

    private static AugmentationSpec readAugmentation(Options data) {
        ConfigNode node = data.node("augment");
        if (ConfigNode.isNone(node)) return AugmentationSpec.NONE;
        if (!(node instanceof ConfigNode.Mapping)) {
            throw data.error("augment", node, "expected none or a map like {crop: 4, flip: true}, got " + ConfigNode.describe(node),
                    "write augment: {crop: 4, flip: true}");
        }
        Options augment = data.section("augment");
        augment.requireOnly(Set.of("crop", "flip"));
        return new AugmentationSpec(augment.getInt("crop", 0, Range.atLeast(0)), augment.getBoolean("flip", false));
    }

    private static ValidationSpec readValidation(Options data) {
        ConfigNode node = data.node("validation");
        if (node instanceof ConfigNode.Scalar scalar && scalar.value() instanceof Long) {
            return ValidationSpec.ofCount(data.getInt("validation", 0, Range.atLeast(0)));
        }
        return ValidationSpec.ofFraction(data.getDouble("validation", 0, Range.closedOpen(0, 1)
                .withFix("hold out a fraction such as validation: 0.1, or a count of examples such as validation: 5000")));
    }

    /** The model as a list of blocks, or as {blocks: [...], init_from: RUN_OR_CKPT, freeze: [indices]}. */
    private record ModelSection(List<ComponentSpec> blocks, FineTuningSpec fineTuning) {}

    private static ModelSection readModel(Options top) {
        if (!(top.node("model") instanceof ConfigNode.Mapping)) return new ModelSection(readBlocks(top, "model", "model"), FineTuningSpec.NONE);
        Options model = top.section("model");
        model.requireOnly(Set.of("blocks", "init_from", "freeze"));
        List<ComponentSpec> blocks = readBlocks(model, "blocks", "model.blocks");
        Optional<String> initFrom = Optional.ofNullable(model.getString("init_from", null));
        List<Integer> freeze = model.has("freeze") ? model.getIntList("freeze", Range.closed(0, blocks.size() - 1)
                .withFix("give block indices, 0 for the first of the " + blocks.size() + " blocks")) : List.of();
        return new ModelSection(blocks, new FineTuningSpec(initFrom, freeze, model));
    }

    private static List<ComponentSpec> readBlocks(Options owner, String key, String path) {
        ConfigNode node = owner.node(key);
        if (!(node instanceof ConfigNode.Sequence blocks) || blocks.items().isEmpty()) {
            String problem = node == null ? "required, but not set" : "expected a non-empty list of blocks, got " + ConfigNode.describe(node);
            throw owner.error(key, node, problem, "list the blocks in order, e.g. " + key + ": [flatten, {linear: {out: 10}}]");
        }
        List<ComponentSpec> model = new ArrayList<>();
        for (ConfigNode block : blocks.items()) model.add(readBlock(block, path + "." + model.size()));
        return model;
    }

    /** {@code - relu}, {@code - linear: {out: 512}}, or the shorthand {@code - dropout: 0.5} for {@code {value: 0.5}}. */
    private static ComponentSpec readBlock(ConfigNode block, String path) {
        if (block instanceof ConfigNode.Scalar scalar && scalar.value() instanceof String name) {
            return new ComponentSpec(name, Options.empty(path + "." + name, block.where()), block.where());
        }
        if (block instanceof ConfigNode.Mapping mapping && mapping.fields().size() == 1) {
            Map.Entry<String, ConfigNode.Field> only = mapping.fields().entrySet().iterator().next();
            String name = only.getKey();
            Location keyAt = only.getValue().keyAt();
            ConfigNode value = only.getValue().value();
            String blockPath = path + "." + name;
            boolean bare = value instanceof ConfigNode.Scalar scalar && scalar.value() == null;  // "- flatten:"
            Options options = value instanceof ConfigNode.Mapping map ? Options.of(map, blockPath, keyAt)
                    : bare ? Options.empty(blockPath, keyAt)
                    : Options.shorthand(value, blockPath);
            return new ComponentSpec(name, options, keyAt);
        }
        if (block instanceof ConfigNode.Mapping mapping) {
            throw new ConfigException(block.where(), path, "a block is one name with its options, got keys "
                    + String.join(", ", mapping.fields().keySet()),
                    "indent the options under the block's name, or write it on one line: - linear: {out: 512}");
        }
        throw new ConfigException(block.where(), path, "expected a block such as relu or linear: {out: 10}, got "
                + ConfigNode.describe(block), "write - relu or - linear: {out: 10}");
    }

    /** {@code loss: hinge} or {@code loss: {name: hinge, margin: 1}}; not set means {@code defaultName}. */
    private static ComponentSpec readComponent(Options top, String key, String defaultName) {
        ConfigNode node = top.node(key);
        if (node instanceof ConfigNode.Scalar scalar && scalar.value() instanceof String name) {
            return new ComponentSpec(name, Options.empty(key, node.where()), node.where());
        }
        if (node != null && !(node instanceof ConfigNode.Mapping)) {
            throw top.error(key, node, "expected a name or a map with name and options, got " + ConfigNode.describe(node),
                    "write " + key + ": " + defaultName + " or " + key + ": {name: " + defaultName + ", ...}");
        }
        Options section = top.section(key);
        String name = section.getString("name", defaultName);
        Location where = section.has("name") ? section.node("name").where() : section.where();
        return new ComponentSpec(name, section.without("name"), where);
    }

    /** Every optimizer needs a learning rate, so it is checked here rather than left to the optimizer. */
    private static ComponentSpec readOptimizer(Options top) {
        ComponentSpec optimizer = readComponent(top, "optimizer", "sgd");
        optimizer.options().getDouble("lr", Range.greaterThan(0).withFix("set a positive learning rate, e.g. lr: 0.05"));
        return optimizer;
    }

    /** Every schedule may warm up linearly first, so warmup_epochs is checked and filled in here. */
    private static ComponentSpec readSchedule(Options top) {
        ComponentSpec schedule = readComponent(top, "schedule", "constant");
        schedule.options().getInt("warmup_epochs", 0, Range.atLeast(0));
        return new ComponentSpec(schedule.name(), schedule.options().withDefault("warmup_epochs", 0L), schedule.where());
    }

    private static TrainConfig readTrain(Options train, DataConfig data) {
        train.requireOnly(Set.of("epochs", "batch_size", "eval_every", "early_stopping", "drop_last", "log_every"));
        return new TrainConfig(
                train.getInt("epochs", Range.atLeast(1)),
                train.getInt("batch_size", 128, Range.atLeast(1)),
                train.getInt("eval_every", 1, Range.atLeast(1)),
                readEarlyStopping(train, data),
                train.getBoolean("drop_last", false),
                train.getInt("log_every", 100, Range.atLeast(0)));
    }

    private static Optional<EarlyStopping> readEarlyStopping(Options train, DataConfig data) {
        ConfigNode node = train.node("early_stopping");
        if (ConfigNode.isNone(node)) return Optional.empty();
        if (!(node instanceof ConfigNode.Mapping)) {
            throw train.error("early_stopping", node, "expected none or a map like {patience: 5, metric: val_error}, got "
                    + ConfigNode.describe(node), "write early_stopping: {patience: 5, metric: val_error}");
        }
        Options stopping = train.section("early_stopping");
        stopping.requireOnly(Set.of("patience", "metric"));
        EarlyStopping result = new EarlyStopping(stopping.getInt("patience", 5, Range.atLeast(1)),
                stopping.getChoice("metric", "val_error", EARLY_STOPPING_METRICS));
        if (result.split().equals("val") && data.validation().isNone()) {
            throw stopping.error("metric", stopping.node("metric"), result.metric() + " needs a validation split, but data.validation is 0",
                    "hold out data with data.validation: 0.1, or use metric: test_error");
        }
        return Optional.of(result);
    }

    private static CheckpointConfig readCheckpoint(Options checkpoint) {
        checkpoint.requireOnly(Set.of("every", "keep_last", "keep_best"));
        return new CheckpointConfig(
                checkpoint.getInt("every", 1, Range.atLeast(1)),
                checkpoint.getInt("keep_last", 2, Range.atLeast(1)),
                checkpoint.getBoolean("keep_best", true));
    }

    /** The resolved config as plain maps and lists, in the order a reader expects. */
    static Map<String, Object> toPlain(ExperimentConfig config) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("name", config.name());
        top.put("seed", config.seed());
        top.put("data", dataToPlain(config.data()));
        List<Object> blocks = config.model().stream().map(ExperimentSchema::blockToPlain).toList();
        FineTuningSpec tuning = config.fineTuning();
        if (tuning.isNone()) {
            top.put("model", blocks);
        } else {
            Map<String, Object> model = new LinkedHashMap<>();
            tuning.initFrom().ifPresent(from -> model.put("init_from", from));
            if (!tuning.freeze().isEmpty()) model.put("freeze", tuning.freeze());
            model.put("blocks", blocks);
            top.put("model", model);
        }
        top.put("loss", config.loss().options().isEmpty() ? config.loss().name() : namedToPlain(config.loss()));
        top.put("optimizer", namedToPlain(config.optimizer()));
        top.put("schedule", namedToPlain(config.schedule()));
        top.put("train", trainToPlain(config.train()));
        top.put("device", config.device().configName());
        CheckpointConfig checkpoint = config.checkpoint();
        top.put("checkpoint", ordered("every", checkpoint.every(), "keep_last", checkpoint.keepLast(), "keep_best", checkpoint.keepBest()));
        return top;
    }

    private static Map<String, Object> dataToPlain(DataConfig data) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("dataset", data.dataset().name());
        plain.putAll(data.dataset().options().toPlain());
        NormalizationSpec normalize = data.normalize();
        plain.put("normalize", normalize.isFixed() ? ordered("mean", normalize.mean(), "std", normalize.std()) : normalize.enabled());
        AugmentationSpec augment = data.augment();
        plain.put("augment", augment.isNone() ? "none" : ordered("crop", augment.cropPadding(), "flip", augment.flip()));
        ValidationSpec validation = data.validation();
        plain.put("validation", validation.fraction() > 0 ? (Object) validation.fraction() : (Object) validation.count());
        return plain;
    }

    private static Object blockToPlain(ComponentSpec block) {
        Map<String, Object> options = block.options().toPlain();
        if (options.isEmpty()) return block.name();
        boolean singleValue = options.size() == 1 && options.containsKey(Options.VALUE);
        return Map.of(block.name(), singleValue ? options.get(Options.VALUE) : options);
    }

    private static Map<String, Object> namedToPlain(ComponentSpec spec) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("name", spec.name());
        plain.putAll(spec.options().toPlain());
        return plain;
    }

    private static Map<String, Object> trainToPlain(TrainConfig train) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("epochs", train.epochs());
        plain.put("batch_size", train.batchSize());
        plain.put("eval_every", train.evalEvery());
        plain.put("early_stopping", train.earlyStopping()
                .<Object>map(stopping -> ordered("patience", stopping.patience(), "metric", stopping.metric()))
                .orElse("none"));
        plain.put("drop_last", train.dropLast());
        plain.put("log_every", train.logEvery());
        return plain;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }
}
