package nnrun.run;

import java.util.List;
import java.util.Optional;

/** One epoch done: its metrics rows (train first, then val and test when it evaluated). */
public record EpochReport(int epoch, int epochs, List<MetricRow> rows) {
    public EpochReport {
        rows = List.copyOf(rows);
    }

    public Optional<MetricRow> row(String split) {
        return rows.stream().filter(r -> r.split().equals(split)).findFirst();
    }
}
