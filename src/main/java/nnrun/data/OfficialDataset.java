package nnrun.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import nnrun.config.Options;

/**
 * A dataset with official files ({@link StandardDataset}): found locally (data.path, --data-dir,
 * NNRUN_DATA, ./data) or downloaded and verified. Its only option is {@code path}.
 */
record OfficialDataset(StandardDataset dataset, Optional<Path> path) implements DatasetSource {

    static DatasetFactory factory(StandardDataset dataset) {
        return o -> new OfficialDataset(dataset, Optional.ofNullable(o.getString("path", null)).map(Path::of));
    }

    @Override public Optional<int[]> sampleShape() { return Optional.of(dataset.sampleShape()); }

    @Override public OptionalInt classes() { return OptionalInt.of(dataset.classNames().size()); }

    @Override public DatasetSplits load(DataSources sources, long seed) {
        return sources.repository(path.orElse(null)).loadSplits(dataset);
    }
}
