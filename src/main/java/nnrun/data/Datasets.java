package nnrun.data;

import nnrun.config.Registry;

/**
 * The datasets by config name. An official dataset is one {@link StandardDataset} constant (its
 * files, mirrors and checksums) and is registered from it; any other is a new file with its
 * {@link DatasetSource} and one line here.
 */
public final class Datasets {
    private Datasets() {}

    public static final Registry<DatasetFactory> REGISTRY = official(new Registry<DatasetFactory>("dataset"))
            .register("csv", CsvSource::fromOptions)
            .register("spirals", SyntheticSource::spirals)
            .register("xor", SyntheticSource::xor)
            .register("blobs", SyntheticSource::blobs);

    private static Registry<DatasetFactory> official(Registry<DatasetFactory> registry) {
        for (StandardDataset d : StandardDataset.values()) registry.register(d.configName(), OfficialDataset.factory(d));
        return registry;
    }

    /** How tables name a dataset: "MNIST", "CIFAR-10"; other names as they are. */
    public static String title(String configName) {
        for (StandardDataset d : StandardDataset.values()) if (d.configName().equals(configName)) return d.title();
        return configName;
    }

    /** Where a dataset sorts in tables: official ones in their order, then the rest. */
    public static int order(String configName) {
        for (StandardDataset d : StandardDataset.values()) if (d.configName().equals(configName)) return d.ordinal();
        return StandardDataset.values().length;
    }
}
