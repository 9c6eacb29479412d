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
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
            new RunColumn("best_test_error", "best test error", FRACTION, r -> r.summary().bestTestError()),
            new RunColumn("final_test_error", "final test error", FRACTION, r -> r.summary().finalTestError()),
            new RunColumn("wall_s", "wall s", SECONDS, r -> r.summary().wallSeconds()),
            new RunColumn("status", "status", TEXT, r -> r.summary().status()));

    private static final List<String> MODEL_KINDS = List.of("Linear", "FCNN", "ConvNet");

    private final List<Run> runs;

    private Comparison(List<Run> runs) { this.runs = runs; }

    /**
     * Reads runs from run folders, or from folders holding run folders (a sweep or runs/).
     * Folders without summary.json (a run still starting) are skipped.
     *
     * @throws RunFolderException when a path does not exist, is not a folder, or holds no run
     */
    public static Comparison of(List<Path> paths) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Path dir : RunFolders.holding("summary.json", paths)) runs.add(new Run(dir, RunSummary.read(dir.resolve("summary.json"))));
        return new Comparison(runs);
    }

    public int size() { return runs.size(); }

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
     * each cell the best test error of the best run of that kind.
     */
    public String errorTable(Format format) {
        Map<String, Map<String, Double>> best = new LinkedHashMap<>();
        for (Run r : runs.stream().sorted(Comparator.comparing(x -> datasetOrder(x.summary().dataset()))).toList()) {
            RunSummary s = r.summary();
            if (s.bestTestError() == null) continue;
            best.computeIfAbsent(s.dataset(), k -> new LinkedHashMap<>()).merge(s.modelKind(), s.bestTestError(), Math::min);
        }
        List<ResultTable.Column> columns = new ArrayList<>(List.of(new ResultTable.Column("dataset", "Dataset", TEXT)));
        for (String kind : MODEL_KINDS) columns.add(new ResultTable.Column(kind, kind, FRACTION));
        ResultTable table = new ResultTable(columns);
        best.forEach((dataset, cells) -> {
            List<Object> row = new ArrayList<>(List.of(format == Format.MARKDOWN ? datasetLabel(dataset) : dataset));
            for (String kind : MODEL_KINDS) row.add(cells.get(kind));
            table.add(row);
        });
        return table.render(format);
    }

    private static int datasetOrder(String d) { return "mnist".equals(d) ? 0 : "cifar10".equals(d) ? 1 : 2; }

    private static String datasetLabel(String d) {
        return switch (d) { case "mnist" -> "MNIST"; case "cifar10" -> "CIFAR-10"; default -> d; };
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
