package nnrun.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import nnrun.config.Options;
import nnrun.config.Range;

/**
 * {@code dataset: csv}: a table of numeric features and a label column ({@code path}, {@code label},
 * {@code header}), tested on {@code test_path} or a seeded {@code test_fraction} of the rows.
 */
record CsvSource(Path path, CsvDataset.Options format, Optional<Path> testPath, double testFraction) implements DatasetSource {

    static CsvSource fromOptions(Options o) {
        Path path = Path.of(o.getString("path"));
        CsvDataset.Options format = new CsvDataset.Options(o.getBoolean("header", true), o.getString("label", null));
        Optional<Path> testPath = Optional.ofNullable(o.getString("test_path", null)).map(Path::of);
        double fraction = o.getDouble("test_fraction", 0.2, Range.closedOpen(0.0, 1.0));
        return new CsvSource(path, format, testPath, fraction);
    }

    @Override public Optional<int[]> sampleShape() { return Optional.empty(); }

    @Override public OptionalInt classes() { return OptionalInt.empty(); }

    /** Relative paths are taken from the working directory, as on a command line. */
    @Override public DatasetSplits load(DataSources sources, long seed) {
        CsvDataset.Table table = CsvDataset.load(path, format);
        Dataset all = table.dataset();
        // A separate test file takes its classes and columns from the training file.
        if (testPath.isPresent()) {
            Dataset test = CsvDataset.loadTest(testPath.get(), format, table).dataset();
            return new DatasetSplits(all, test, DataProvenance.of("csv",
                    java.util.List.of(FileFingerprint.of("train", path), FileFingerprint.of("test", testPath.get()))));
        }
        long held = Math.round(testFraction * all.size());
        if (held < 1 || held >= all.size())
            throw new DataException(path + ": a test_fraction of " + testFraction + " of its " + all.size() + " rows leaves "
                    + (held < 1 ? "no test rows" : "no training rows") + "; change test_fraction or give a test_path file");
        ValidationSplit split = ValidationSplit.ofFraction(all, testFraction, seed ^ 0x7e57L);
        return new DatasetSplits(split.train(), split.validation(), DataProvenance.of("csv", java.util.List.of(FileFingerprint.of(path))));
    }
}
