package nnrun.data;

import nnrun.config.Registry;

/**
 * The datasets by config name: a new one is a {@link DatasetSource} in its own file and one line
 * here. An official dataset's files, mirrors and checksums are a {@link StandardDataset} constant.
 */
public final class Datasets {
    private Datasets() {}

    public static final Registry<DatasetFactory> REGISTRY = new Registry<DatasetFactory>("dataset")
            .register(StandardDataset.MNIST.configName(), OfficialDataset.factory(StandardDataset.MNIST))
            .register(StandardDataset.FASHION_MNIST.configName(), OfficialDataset.factory(StandardDataset.FASHION_MNIST))
            .register(StandardDataset.KMNIST.configName(), OfficialDataset.factory(StandardDataset.KMNIST))
            .register(StandardDataset.CIFAR10.configName(), OfficialDataset.factory(StandardDataset.CIFAR10))
            .register(StandardDataset.CIFAR100.configName(), Cifar100Source::fromOptions)
            .register(ImageDirectoryDataset.NAME, ImageFolderSource::fromOptions)
            .register("csv", CsvSource::fromOptions)
            .register("spirals", SyntheticSource::spirals)
            .register("xor", SyntheticSource::xor)
            .register("blobs", SyntheticSource::blobs);

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
