package nnrun.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nnrun.config.DataConfig;
import nnrun.config.ExperimentConfig;
import nnrun.config.Options;
import nnrun.config.Range;
import nnrun.data.Augmentation;
import nnrun.data.CsvDataset;
import nnrun.data.DataLoader;
import nnrun.data.Dataset;
import nnrun.data.DatasetRepository;
import nnrun.data.HorizontalFlip;
import nnrun.data.Normalization;
import nnrun.data.RandomCrop;
import nnrun.data.Split;
import nnrun.data.StandardDataset;
import nnrun.data.Synthetic;
import nnrun.data.ValidationSplit;

/**
 * The data an experiment trains and evaluates on, as its config asks: the training split (minus
 * any validation hold-out), the optional validation split, the test split, and their loaders,
 * normalized with statistics of the training split only.
 */
public record ExperimentData(Dataset train, Optional<Dataset> validation, Dataset test, Normalization normalization,
                             DataLoader trainLoader) {

    /** Per-sample shape of the inputs, e.g. [1, 28, 28]. */
    public int[] sampleShape() { return train.sampleShape(); }

    public int numClasses() { return Math.max(train.numClasses(), test.numClasses()); }

    /** Evaluation batches: no shuffling, no augmentation, the same normalization. */
    public DataLoader evalLoader(Dataset split) {
        return DataLoader.builder(split).batchSize(1000).shuffle(false).normalize(normalization).build();
    }

    /**
     * Reads the dataset's own options from the config before touching any file, so a typo fails
     * fast. Called by {@link #load} and by anything that validates a config without data.
     */
    public static void checkOptions(DataConfig cfg) {
        Options o = cfg.options();
        switch (cfg.dataset()) {
            case "csv" -> {
                o.requireOnly(Set.of("header", "label", "test_path", "test_fraction"));
                o.getBoolean("header", true);
                o.getDouble("test_fraction", 0.2, Range.closedOpen(0.0, 1.0));
            }
            case "spirals", "xor" -> {
                o.requireOnly(Set.of("n", "noise"));
                o.getInt("n", 1000, Range.atLeast(2));
                o.getDouble("noise", 0.1, Range.atLeast(0));
            }
            case "blobs" -> {
                o.requireOnly(Set.of("n", "noise", "classes", "dims"));
                o.getInt("n", 1000, Range.atLeast(2));
                o.getDouble("noise", 1.0, Range.atLeast(0));
                o.getInt("classes", 3, Range.atLeast(2));
                o.getInt("dims", 2, Range.atLeast(1));
            }
            default -> o.requireOnly(Set.of());
        }
    }

    /** Loads the splits; relative CSV paths are taken from the working directory, as on a command line. */
    public static ExperimentData load(ExperimentConfig config, DatasetRepository repository) {
        DataConfig cfg = config.data();
        checkOptions(cfg);
        long seed = config.seed();
        Dataset fullTrain, test;
        Options o = cfg.options();
        switch (cfg.dataset()) {
            case "mnist", "cifar10" -> {
                StandardDataset which = StandardDataset.named(cfg.dataset());
                fullTrain = repository.load(which, Split.TRAIN);
                test = repository.load(which, Split.TEST);
            }
            case "csv" -> {
                CsvDataset.Options csv = new CsvDataset.Options(o.getBoolean("header", true), o.getString("label", null));
                CsvDataset.Table all = CsvDataset.load(Path.of(cfg.path().orElseThrow()), csv);
                if (o.has("test_path")) {
                    fullTrain = all.dataset();
                    test = CsvDataset.loadTest(Path.of(o.getString("test_path")), csv, all).dataset();
                } else {
                    ValidationSplit split = ValidationSplit.ofFraction(all.dataset(), o.getDouble("test_fraction", 0.2, Range.closedOpen(0.0, 1.0)), seed ^ 0x7e57L);
                    fullTrain = split.train();
                    test = split.validation();
                }
            }
            default -> {
                // Synthetic sets: the test split is an independent draw from the same distribution.
                fullTrain = synthetic(cfg.dataset(), o, seed);
                test = synthetic(cfg.dataset(), o, seed + 1_000_003L);
            }
        }
        Dataset train = fullTrain;
        Optional<Dataset> validation = Optional.empty();
        if (!cfg.validation().isNone()) {
            ValidationSplit split = ValidationSplit.of(fullTrain, cfg.validation().examplesOutOf(fullTrain.size()), seed);
            train = split.train();
            validation = Optional.of(split.validation());
        }
        Normalization norm = normalization(cfg.normalize(), train);
        List<Augmentation> augment = new ArrayList<>();
        if (cfg.augment().cropPadding() > 0) augment.add(new RandomCrop(cfg.augment().cropPadding()));
        if (cfg.augment().flip()) augment.add(new HorizontalFlip(0.5));
        DataLoader.Builder loader = DataLoader.builder(train).batchSize(config.train().batchSize()).shuffle(true)
                .dropLast(config.train().dropLast()).seed(seed).augment(augment.toArray(Augmentation[]::new));
        if (norm != null) loader.normalize(norm);
        return new ExperimentData(train, validation, test, norm, loader.build());
    }

    private static Normalization normalization(nnrun.config.Normalization cfg, Dataset train) {
        if (!cfg.enabled()) return null;
        if (!cfg.isFixed()) return Normalization.fit(train);
        return new Normalization(floats(cfg.mean()), floats(cfg.std()));
    }

    private static float[] floats(List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) f[i] = values.get(i).floatValue();
        return f;
    }

    private static Dataset synthetic(String name, Options o, long seed) {
        int n = o.getInt("n", 1000, Range.atLeast(2));
        return switch (name) {
            case "spirals" -> Synthetic.twoSpirals(n, o.getDouble("noise", 0.1, Range.atLeast(0)), seed);
            case "xor" -> Synthetic.xor(n, o.getDouble("noise", 0.1, Range.atLeast(0)), seed);
            case "blobs" -> Synthetic.gaussianBlobs(n, o.getInt("classes", 3, Range.atLeast(2)), o.getInt("dims", 2, Range.atLeast(1)),
                    o.getDouble("noise", 1.0, Range.atLeast(0)), seed);
            default -> throw new IllegalStateException("dataset " + name + " passed config validation but has no loader");
        };
    }
}
