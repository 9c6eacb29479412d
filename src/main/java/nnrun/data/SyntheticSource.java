package nnrun.data;

import java.util.Optional;
import java.util.OptionalInt;

import nnrun.config.Options;
import nnrun.config.Range;

/**
 * A seeded synthetic set ({@link Synthetic}): the training split is drawn from the run's seed, the
 * test split is an independent draw from the same distribution.
 */
record SyntheticSource(String name, int dims, int classCount, Draw draw) implements DatasetSource {

    /** n samples from a seed. */
    @FunctionalInterface
    interface Draw {
        Dataset sample(long seed);
    }

    static SyntheticSource spirals(Options o) {
        int n = size(o);
        double noise = o.getDouble("noise", 0.1, Range.atLeast(0));
        return new SyntheticSource("spirals", 2, 2, seed -> Synthetic.twoSpirals(n, noise, seed));
    }

    static SyntheticSource xor(Options o) {
        int n = size(o);
        double noise = o.getDouble("noise", 0.1, Range.atLeast(0));
        return new SyntheticSource("xor", 2, 2, seed -> Synthetic.xor(n, noise, seed));
    }

    static SyntheticSource blobs(Options o) {
        int n = size(o);
        double noise = o.getDouble("noise", 1.0, Range.atLeast(0));
        int classes = o.getInt("classes", 3, Range.atLeast(2));
        int dims = o.getInt("dims", 2, Range.atLeast(1));
        return new SyntheticSource("blobs", dims, classes, seed -> Synthetic.gaussianBlobs(n, classes, dims, noise, seed));
    }

    private static int size(Options o) { return o.getInt("n", 1000, Range.atLeast(2)); }

    @Override public Optional<int[]> sampleShape() { return Optional.of(new int[] {dims}); }

    @Override public OptionalInt classes() { return OptionalInt.of(classCount); }

    @Override public DatasetSplits load(DataSources sources, long seed) {
        // Generated from the seed and the options, which the run's config records: no files to fingerprint.
        return new DatasetSplits(draw.sample(seed), draw.sample(seed + 1_000_003L), DataProvenance.of(name, java.util.List.of()));
    }
}
