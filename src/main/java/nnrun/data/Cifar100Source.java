package nnrun.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import nnrun.config.Options;

/** {@code dataset: cifar100} with {@code labels: fine} (100 classes, the default) or {@code coarse} (20 superclasses). */
record Cifar100Source(Optional<Path> path, Cifar100.Labels labels) implements DatasetSource {

    static Cifar100Source fromOptions(Options o) {
        Optional<Path> path = Optional.ofNullable(o.getString("path", null)).map(Path::of);
        Cifar100.Labels labels = Cifar100.Labels.parse(o.getChoice(Cifar100.LABELS_OPTION, "fine", java.util.List.of("fine", "coarse")));
        return new Cifar100Source(path, labels);
    }

    @Override public Optional<int[]> sampleShape() { return Optional.of(StandardDataset.CIFAR100.sampleShape()); }

    @Override public OptionalInt classes() { return OptionalInt.of(labels.classes()); }

    @Override public DatasetSplits load(DataSources sources, long seed) {
        DatasetRepository repository = sources.repository(path.orElse(null));
        return Cifar100.loadSplits(repository.folder(StandardDataset.CIFAR100), labels);
    }
}
