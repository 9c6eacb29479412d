package nnrun.run;

import static nnrun.run.ResultTable.Kind.FRACTION;
import static nnrun.run.ResultTable.Kind.NUMBER;
import static nnrun.run.ResultTable.Kind.SECONDS;
import static nnrun.run.ResultTable.Kind.TEXT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnrun.data.Datasets;

/**
 * A table of runs side by side, read from their summary.json files, as Markdown, CSV or JSON
 * ({@link ResultTable}), and the slides' error table.
 */
public final class Comparison {
    public enum Format { MARKDOWN, CSV, JSON }

    private record Run(Path dir, RunSummary summary) {
        Object hyperparameter(String key) {
            return summary.hyperparameters() == null ? null : summary.hyperparameters().get(key);
        }

        Optional<RunSummary.Selection> selection() { return Optional.ofNullable(summary.selection()); }
    }

    /** A column of the run table and how a run fills it: a new column is one more line in {@link #COLUMNS}. */
    private record RunColumn(ResultTable.Column column, Function<Run, Object> value) {
        RunColumn(String key, String heading, ResultTable.Kind kind, Function<Run, Object> value) {
            this(new ResultTable.Column(key, heading, kind), value);
        }
    }

    private static final List<RunColumn> COLUMNS = List.of(
            new RunColumn("run", "run", TEXT, r -> r.dir().getFileName().toString()),
            new RunColumn("dataset", "dataset", TEXT, r -> r.summary().dataset()),
            new RunColumn("model_kind", "kind", TEXT, r -> r.summary().modelKind()),
            new RunColumn("model", "model", TEXT, r -> r.summary().model()),
            new RunColumn("params", "params", NUMBER, r -> r.summary().parameters()),
            new RunColumn("lr", "lr", NUMBER, r -> r.hyperparameter("lr")),
            new RunColumn("batch_size", "batch", NUMBER, r -> r.hyperparameter("batch_size")),
            new RunColumn("optimizer", "optimizer", TEXT, r -> r.hyperparameter("optimizer")),
            new RunColumn("epochs", "epochs", NUMBER, r -> r.summary().epochs()),
            new RunColumn("epochs_planned", "of", NUMBER, r -> r.summary().epochsPlanned()),
            new RunColumn("selected_by", "selected by", TEXT, r -> r.selection().map(RunSummary.Selection::rule).orElse(null)),
            new RunColumn("selected_epoch", "selected epoch", NUMBER, r -> r.selection().map(RunSummary.Selection::epoch).orElse(null)),
            new RunColumn("test_error_at_selected", "test error at selected", FRACTION, r -> r.summary().selectedTestError()),
            new RunColumn("final_test_error", "final test error", FRACTION, r -> r.summary().finalTestError()),
            new RunColumn("wall_s", "wall s", SECONDS, r -> r.summary().wallSeconds()),
            new RunColumn("status", "status", TEXT, Comparison::status));

    private static final List<String> MODEL_KINDS = List.of("Linear", "FCNN", "ConvNet");

    private final List<Run> runs;

    private Comparison(List<Run> runs) { this.runs = runs; }

    /**
     * Reads runs from run folders, or from folders holding run folders (a sweep or runs/).
     * Folders without summary.json (a run still starting) are skipped; so is a summary.json that
     * cannot be read (a run killed mid-write, a hand-edited file), with a warning naming it, so
     * one bad run does not hide a whole sweep.
     *
     * @param warnings receives one line per skipped summary
     * @throws RunFolderException when a path does not exist, is not a folder, or holds no readable run
     */
    public static Comparison of(List<Path> paths, Consumer<String> warnings) {
        List<Run> runs = new ArrayList<>();
        for (Path dir : RunFolders.holding("summary.json", paths)) {
            try {
                runs.add(new Run(dir, RunSummary.read(dir.resolve("summary.json"))));
            } catch (IOException e) {
                warnings.accept("skipping " + e.getMessage());
            }
        }
        if (runs.isEmpty()) throw new RunFolderException("no runs found in " + paths + ": no summary.json there could be read");
        return new Comparison(runs);
    }

    public int size() { return runs.size(); }

    /** A "running" run whose process is gone (killed, node lost) is shown as stale: nothing will finish it. */
    static String status(Run r) {
        if (!"running".equals(r.summary().status())) return r.summary().status();
        var holder = RunLock.holder(new RunDirectory(r.dir()));
        return holder.isEmpty() || holder.get().isDead() ? "stale" : "running";
    }

    /** "1.50%", or "-" for a run that has no test error yet. */
    public static String percent(Double fraction) {
        return ResultTable.pretty(FRACTION, fraction);
    }

    /** One row per run; JSON holds each run's whole summary. */
    public String render(Format format) {
        if (format == Format.JSON) return json();
        ResultTable table = new ResultTable(COLUMNS.stream().map(RunColumn::column).toList());
        for (Run r : runs) table.add(COLUMNS.stream().map(c -> c.value().apply(r)).toList());
        return table.render(format);
    }

    /**
     * The slides' table: one row per dataset, one column per model kind (Linear, FCNN, ConvNet),
     * each cell the test error at the selected epoch of one run of that kind. Among several runs
     * of a kind the one with the lowest validation error wins; runs without a validation split
     * can only be compared on the test set, which the Markdown table then says under itself.
     */
    public String errorTable(Format format) {
        Map<String, Map<String, RunSummary>> chosen = new LinkedHashMap<>();
        boolean pickedOnTest = false;
        for (Run r : runs.stream().sorted(Comparator.comparing(x -> Datasets.order(x.summary().dataset()))).toList()) {
            RunSummary s = r.summary();
            if (s.selectedTestError() == null) continue;
            Map<String, RunSummary> cells = chosen.computeIfAbsent(s.dataset(), k -> new LinkedHashMap<>());
            RunSummary other = cells.get(s.modelKind());
            if (other == null || better(s, other)) cells.put(s.modelKind(), s);
            if (other != null && (s.selection().valError() == null || other.selection().valError() == null)) pickedOnTest = true;
        }
        List<ResultTable.Column> columns = new ArrayList<>(List.of(new ResultTable.Column("dataset", "Dataset", TEXT)));
        for (String kind : MODEL_KINDS) columns.add(new ResultTable.Column(kind, kind, FRACTION));
        ResultTable table = new ResultTable(columns);
        chosen.forEach((dataset, cells) -> {
            List<Object> row = new ArrayList<>(List.of(format == Format.MARKDOWN ? Datasets.title(dataset) : dataset));
            for (String kind : MODEL_KINDS) row.add(cells.containsKey(kind) ? cells.get(kind).selectedTestError() : null);
            table.add(row);
        });
        String note = pickedOnTest && format == Format.MARKDOWN
                ? "\nSome cells chose among runs without a validation split, so on the test set: an optimistic number.\n" : "";
        return table.render(format) + note;
    }

    /** By validation error when both have one, else by the test error at their selected epochs. */
    private static boolean better(RunSummary a, RunSummary b) {
        Double va = a.selection().valError(), vb = b.selection().valError();
        if (va != null && vb != null) return va < vb;
        if (va != null) return true;
        if (vb != null) return false;
        return a.selectedTestError() < b.selectedTestError();
    }

    private String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", r.dir().toString());
            m.put("summary", r.summary());
            out.add(m);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
