package nnrun.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.config.ComponentSpec;
import nnrun.config.ConfigException;
import nnrun.config.DataConfig;
import nnrun.config.ExperimentConfig;
import nnrun.config.Range;
import nnrun.data.DatasetSource;
import nnrun.data.Datasets;
import nnrun.loss.Loss;
import nnrun.loss.Losses;
import nnrun.nn.ModelBuilder;
import nnrun.nn.Sequential;
import nnrun.optim.LrSchedule;
import nnrun.optim.Optimizer;
import nnrun.optim.Optimizers;
import nnrun.optim.Schedules;

/**
 * A config's components, built once and checked before any data is read: the dataset entry,
 * loss, schedule and training settings, and, when the dataset's shape is known up front, the
 * model and optimizer too, with the model's outputs checked against the dataset's classes. What
 * needs the data (a CSV file's width) is built by {@link #withData}. Every problem is a
 * {@link ConfigException} at the offending key.
 */
public final class ExperimentPlan {
    private final ExperimentConfig config;
    private final DatasetSource dataset;
    private final Loss loss;
    private final LrSchedule schedule;
    private final TrainingSettings settings;
    private Sequential model;
    private int[] inputShape;
    private Optimizer optimizer;

    private ExperimentPlan(ExperimentConfig config) {
        this.config = config;
        this.dataset = Datasets.REGISTRY.build(config.data().dataset(), (f, o) -> f.create(o));
        checkDataSettings(config.data(), dataset);
        this.loss = placed(config.loss(), () -> Losses.REGISTRY.build(config.loss(), (f, o) -> f.create(o)));
        this.settings = TrainingSettings.of(config);
        double lr = config.optimizer().options().getDouble("lr", Range.greaterThan(0));
        this.schedule = placed(config.schedule(), () -> Schedules.build(config.schedule(), lr, config.train().epochs()));
        dataset.sampleShape().ifPresent(shape -> buildModel(shape, dataset.classes()));
    }

    public static ExperimentPlan of(ExperimentConfig config) { return new ExperimentPlan(config); }

    public ExperimentConfig config() { return config; }

    public DatasetSource dataset() { return dataset; }

    public TrainingSettings settings() { return settings; }

    public Loss loss() { return loss; }

    /** The model, when the dataset's shape is known without data. */
    public Optional<Sequential> model() { return Optional.ofNullable(model); }

    /** The optimizer over the model's parameters, when the model is built. */
    public Optional<Optimizer> optimizer() { return Optional.ofNullable(optimizer); }

    /** The per-sample input shape the model was built for. */
    public int[] inputShape() { return inputShape.clone(); }

    /** The parts with the data: the model and optimizer are built now if the shape was not known before. */
    public Experiment withData(ExperimentData data) {
        if (model == null) buildModel(data.sampleShape(), OptionalInt.of(data.numClasses()));
        else checkOutputs(data.numClasses());
        return new Experiment(config, data, model, loss, optimizer, schedule, settings);
    }

    private void buildModel(int[] sampleShape, OptionalInt classes) {
        model = new ModelBuilder().build(config.model(), sampleShape, new Generator(config.seed()));
        inputShape = sampleShape.clone();
        classes.ifPresent(this::checkOutputs);
        Map<String, Tensor> trainable = trainableParameters();
        ComponentSpec spec = config.optimizer().without(TrainingSettings.CLIP_NORM);
        optimizer = placed(spec, () -> Optimizers.REGISTRY.build(spec, (f, o) -> f.create(o, trainable)));
    }

    /**
     * The parameters the optimizer updates: all but those of the blocks {@code model.freeze} names,
     * which get no gradient (PyTorch's requires_grad = False) and keep their (initial) values.
     */
    private Map<String, Tensor> trainableParameters() {
        var freeze = config.fineTuning().freeze();
        for (int block : freeze) model.get(block).parameters().forEach(p -> p.requiresGrad(false));
        Map<String, Tensor> trainable = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> { if (p.requiresGrad()) trainable.put(name, p); });
        if (trainable.isEmpty())
            throw config.fineTuning().section().errorAt("freeze", "freezes every block that has parameters, so nothing would train",
                    "leave at least one block with weights out of freeze, usually the last");
        return trainable;
    }

    /** The last block's width against the data's classes, as the loss needs them: a config error, not a first-batch crash. */
    private void checkOutputs(int classes) {
        int width = 1;
        for (int d : model.outputShape(inputShape)) width *= d;
        int outputs = width;
        loss.outputMismatch(outputs, classes).ifPresent(problem -> {
            ComponentSpec last = config.model().get(config.model().size() - 1);
            throw new ConfigException(last.where(), last.options().path(), problem,
                    "make the last block give the outputs " + loss.name() + " needs (for one per class: - linear: {out: "
                            + classes + "}), or change the loss");
        });
    }

    /** Normalization and augmentation as far as the dataset allows: per-channel means need its channel count, crop and flip need images. */
    private static void checkDataSettings(DataConfig data, DatasetSource dataset) {
        if (data.normalize().isFixed() && dataset.sampleShape().isPresent()) {
            int[] shape = dataset.sampleShape().get();
            int channels = shape.length == 3 ? shape[0] : data.normalize().mean().size();
            if (data.normalize().mean().size() != channels)
                throw data.section().errorAt("normalize", "needs one mean and one std per channel (" + channels + " for "
                        + data.dataset().name() + "), got " + data.normalize().mean().size(), "give " + channels + " values in each list");
        }
        if (!data.augment().isNone() && !dataset.isImage())
            throw data.section().errorAt("augment", "crop and flip apply to images, not " + data.dataset().name(), "remove augment");
    }

    /** A component's own argument checks (IllegalArgumentException) reported at its entry in the config. */
    private static <T> T placed(ComponentSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(spec.where(), spec.options().path(), e.getMessage(), "see docs/config.md for its options");
        }
    }
}
