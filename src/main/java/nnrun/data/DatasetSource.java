package nnrun.data;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A dataset as a config asks for it, with its options read and checked but nothing loaded yet,
 * so a run can check a model against the data's shape and classes before it reads a file.
 */
public interface DatasetSource {
    /** Per-sample shape when it is known without reading files: [1, 28, 28] for mnist. */
    Optional<int[]> sampleShape();

    /** The number of classes when it is known without reading files. */
    OptionalInt classes();

    /** Reads (or generates) the splits; {@code seed} is the run's, for sets that are drawn or split at random. */
    DatasetSplits load(DataSources sources, long seed);

    /** Images (C×H×W) take crop, flip and per-channel normalization. */
    default boolean isImage() { return sampleShape().map(s -> s.length == 3).orElse(false); }
}
