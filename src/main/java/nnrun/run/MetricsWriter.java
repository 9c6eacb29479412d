package nnrun.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Appends rows to a run's metrics.csv (Commons CSV), flushed after every row so a crash loses nothing written. */
public final class MetricsWriter implements AutoCloseable {
    private final CSVPrinter printer;

    private MetricsWriter(CSVPrinter printer) { this.printer = printer; }

    /** Starts a new metrics file with its header. */
    public static MetricsWriter create(Path file) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(MetricRow.HEADER).build());
        p.flush();
        return new MetricsWriter(p);
    }

    /**
     * Continues a metrics file for a resumed run: rows after {@code lastEpoch} (written after the
     * checkpoint being resumed, a torn last one included) are dropped first, atomically, so the file
     * matches an uninterrupted run.
     */
    public static MetricsWriter resume(Path file, int lastEpoch) throws IOException {
        List<MetricRow> kept = MetricRow.readUpTo(file, lastEpoch);
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(MetricRow.HEADER).build());
            for (MetricRow r : kept) p.printRecord(r.cells());
            p.flush();
        });
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new MetricsWriter(new CSVPrinter(w, CSVFormat.DEFAULT));
    }

    public void write(MetricRow row) throws IOException {
        printer.printRecord(row.cells());
        printer.flush();
    }

    @Override public void close() throws IOException { printer.close(); }
}
