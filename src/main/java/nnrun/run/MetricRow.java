package nnrun.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * One line of metrics.csv: a split's mean loss and error rate (a fraction) after an epoch, the
 * learning rate it trained with, and how long it took.
 */
public record MetricRow(int epoch, String split, double loss, double error, double lr,
                        double seconds, double samplesPerSecond) {

    /**
     * Loss, error and learning rate are kept as metrics.csv holds them, in their shortest float
     * form, so a row read back on resume equals the row the uninterrupted run kept: summary.json's
     * selected-epoch metrics then match bit for bit whichever session chose that epoch.
     */
    public MetricRow {
        loss = asWritten(loss);
        error = asWritten(error);
        lr = asWritten(lr);
    }

    private static double asWritten(double value) {
        return Double.parseDouble(Float.toString((float) value));
    }

    /** The train row of an epoch from its running totals. */
    static MetricRow ofTraining(int epoch, double lr, EpochTotals t) {
        return new MetricRow(epoch, "train", t.meanLoss(), t.errorRate(), lr, t.seconds(), t.seen() / Math.max(t.seconds(), 1e-9));
    }

    /** A val or test row from an evaluation. */
    static MetricRow ofEvaluation(int epoch, String split, double lr, Evaluation e) {
        return new MetricRow(epoch, split, e.loss(), e.error(), lr, e.seconds(), e.samples() / Math.max(e.seconds(), 1e-9));
    }

    static final String[] HEADER = {"epoch", "split", "loss", "error", "lr", "seconds", "samples_per_s"};

    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader(HEADER).setSkipHeaderRecord(true).build();

    public static List<MetricRow> readAll(Path file) throws IOException {
        List<MetricRow> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : FORMAT.parse(in)) {
                try {
                    rows.add(parse(r));
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + (r.getRecordNumber() + 1) + ": not a metrics row (" + e.getMessage() + ")", e);
                }
            }
        }
        return rows;
    }

    /**
     * The rows of epochs up to {@code lastEpoch}, as a resumed run continues from: rows written
     * after its checkpoint are dropped, and so is a last row a crash tore in half (it is after the
     * checkpoint by construction). A malformed row anywhere else is still an error.
     */
    public static List<MetricRow> readUpTo(Path file, int lastEpoch) throws IOException {
        List<MetricRow> rows = new ArrayList<>();
        IOException torn = null;
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : FORMAT.parse(in)) {
                if (torn != null) throw torn; // a bad row followed by more rows: not a torn tail
                try {
                    MetricRow row = parse(r);
                    if (row.epoch() <= lastEpoch) rows.add(row);
                } catch (RuntimeException e) {
                    torn = new IOException(file + ":" + (r.getRecordNumber() + 1) + ": not a metrics row (" + e.getMessage() + ")", e);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            // Commons CSV reports a torn quoted field at the end of the file this way.
            if (torn != null) throw torn;
        }
        return rows;
    }

    private static MetricRow parse(CSVRecord r) {
        return new MetricRow(Integer.parseInt(r.get("epoch")), r.get("split"), Float.parseFloat(r.get("loss")),
                Float.parseFloat(r.get("error")), Float.parseFloat(r.get("lr")), Double.parseDouble(r.get("seconds")),
                Double.parseDouble(r.get("samples_per_s")));
    }

    /** The cells as written: loss and error in their shortest exact float form, so equal runs give equal files. */
    List<String> cells() {
        return List.of(Integer.toString(epoch), split, Float.toString((float) loss), Float.toString((float) error),
                Float.toString((float) lr), String.format(java.util.Locale.ROOT, "%.3f", seconds),
                String.format(java.util.Locale.ROOT, "%.1f", samplesPerSecond));
    }
}
