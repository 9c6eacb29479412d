package nnrun.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import nnrun.config.DataConfig;
import nnrun.config.ExperimentConfig;
import nnrun.config.NormalizationSpec;
import nnrun.data.Augmentation;
import nnrun.data.DataException;
import nnrun.data.DataLoader;
import nnrun.data.DataProvenance;
import nnrun.data.DataSources;
import nnrun.data.Dataset;
import nnrun.data.DatasetSource;
import nnrun.data.DatasetSplits;
import nnrun.data.HorizontalFlip;
import nnrun.data.Normalization;
import nnrun.data.RandomCrop;
import nnrun.data.ValidationSplit;

/**
 * The data an experiment trains and evaluates on, as its config asks: the training split (minus
 * any validation hold-out), the optional validation split, the test split, and their loaders,
 * normalized with statistics of the training split only, and which files they came from.
 */
public record ExperimentData(Dataset train, Optional<Dataset> validation, Dataset test, Normalization normalization,
                             DataLoader trainLoader, DataProvenance provenance) {

    /** Per-sample shape of the inputs, e.g. [1, 28, 28]. */
    public int[] sampleShape() { return train.sampleShape(); }

    public int numClasses() { return Math.max(train.numClasses(), test.numClasses()); }

    /** Evaluation batches: no shuffling, no augmentation, the same normalization. */
    public DataLoader evalLoader(Dataset split) {
        return DataLoader.builder(split).batchSize(1000).shuffle(false).normalize(normalization).build();
    }

    /** Loads the splits and checks they fit together and the config's hold-out, before anything trains on them. */
    public static ExperimentData load(ExperimentConfig config, DatasetSource source, DataSources sources) {
        DataConfig cfg = config.data();
        long seed = config.seed();
        DatasetSplits splits = source.load(sources, seed);
        checkSplits(cfg.dataset().name(), splits);
        Dataset train = splits.train();
        Optional<Dataset> validation = Optional.empty();
        if (!cfg.validation().isNone()) {
            int held = cfg.validation().examplesOutOf(train.size());
            if (held < 1 || held >= train.size())
                throw cfg.section().errorAt("validation", "holds out " + held + " of the " + train.size()
                        + " training examples; it must leave at least one on each side", "choose a fraction such as 0.1");
            ValidationSplit split = ValidationSplit.of(train, held, seed);
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
        return new ExperimentData(train, validation, splits.test(), norm, loader.build(), splits.provenance());
    }

    /** A test split of another sample shape, or an empty one, is named now rather than failing (or passing) at evaluation. */
    private static void checkSplits(String dataset, DatasetSplits s) {
        if (s.train().size() == 0) throw new DataException(dataset + ": the training split " + s.train().name() + " is empty");
        if (s.test().size() == 0)
            throw new DataException(dataset + ": the test split " + s.test().name() + " is empty, so there is nothing to "
                    + "evaluate; give a test file with examples, or a test_fraction that leaves some");
        if (!Arrays.equals(s.train().sampleShape(), s.test().sampleShape()))
            throw new DataException(dataset + ": test samples " + s.test().name() + " have shape " + Arrays.toString(s.test().sampleShape())
                    + " but training samples " + s.train().name() + " have " + Arrays.toString(s.train().sampleShape())
                    + "; both splits must come from the same kind of data");
    }

    private static Normalization normalization(NormalizationSpec cfg, Dataset train) {
        if (!cfg.enabled()) return null;
        if (!cfg.isFixed()) return Normalization.fit(train);
        return new Normalization(floats(cfg.mean()), floats(cfg.std()));
    }

    private static float[] floats(List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) f[i] = values.get(i).floatValue();
        return f;
    }
}
