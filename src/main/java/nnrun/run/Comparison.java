package nnrun.run;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import nnrun.data.Datasets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A table of runs side by side, read from their summary.json files. */
public final class Comparison {
    public enum Format { MARKDOWN, CSV, JSON }

    private static final List<String> COLUMNS = List.of("run", "dataset", "model", "params", "lr", "batch",
            "optimizer", "epochs", "selected by", "selected epoch", "test error at selected", "final test error", "wall s", "status");

    private final List<Map.Entry<Path, RunSummary>> runs;

    private Comparison(List<Map.Entry<Path, RunSummary>> runs) { this.runs = runs; }

    /**
     * Reads runs from run folders, or from folders holding run folders (a sweep or runs/).
     * Folders without summary.json (a run still starting) are skipped; so is a summary.json that
     * cannot be read (a run killed mid-write, a hand-edited file), with a warning naming it, so
     * one bad run does not hide a whole sweep.
     *
     * @param warnings receives one line per skipped summary
     * @throws IllegalArgumentException when a path is not a folder or no run is found
     */
    public static Comparison of(List<Path> paths, Consumer<String> warnings) throws IOException {
        List<Map.Entry<Path, RunSummary>> runs = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) throw new IllegalArgumentException(p + " is not a directory (expected a run folder or a folder of runs)");
            List<Path> candidates;
            if (Files.isRegularFile(p.resolve("summary.json"))) {
                candidates = List.of(p);
            } else {
                try (Stream<Path> children = Files.list(p)) {
                    candidates = children.sorted().filter(c -> Files.isRegularFile(c.resolve("summary.json"))).toList();
                }
            }
            for (Path run : candidates) {
                Path file = run.resolve("summary.json");
                try {
                    RunSummary summary = RunSummary.read(file);
                    if (summary == null) warnings.accept("skipping " + file + ": it holds null, not a run summary");
                    else runs.add(Map.entry(run, summary));
                } catch (IOException e) {
                    warnings.accept("skipping " + e.getMessage());
                }
            }
        }
        if (runs.isEmpty()) throw new IllegalArgumentException("no runs found in " + paths + " (a run folder holds summary.json)");
        return new Comparison(runs);
    }

    public int size() { return runs.size(); }

    private static List<String> row(Path dir, RunSummary s) {
        Map<String, Object> h = s.hyperparameters() == null ? Map.of() : s.hyperparameters();
        return List.of(dir.getFileName().toString(), s.dataset(), s.modelKind() + " (" + s.model() + ")",
                Long.toString(s.parameters()), String.valueOf(h.getOrDefault("lr", "")),
                String.valueOf(h.getOrDefault("batch_size", "")), String.valueOf(h.getOrDefault("optimizer", "")),
                s.epochs() + "/" + s.epochsPlanned(), s.selection() == null ? "-" : s.selection().rule(),
                s.selection() == null ? "-" : Integer.toString(s.selection().epoch()), percent(s.selectedTestError()),
                percent(s.finalTestError()), String.format(Locale.ROOT, "%.1f", s.wallSeconds()), status(dir, s));
    }

    /** A "running" run whose process is gone (killed, node lost) is shown as stale: nothing will finish it. */
    static String status(Path dir, RunSummary s) {
        if (!"running".equals(s.status())) return s.status();
        RunDirectory run = new RunDirectory(dir);
        var holder = RunLock.holder(run);
        return holder.isEmpty() || holder.get().isDead() ? "stale" : "running";
    }

    static String percent(Double fraction) {
        return fraction == null || fraction.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    public String render(Format format) {
        List<List<String>> rows = runs.stream().map(e -> row(e.getKey(), e.getValue())).toList();
        return switch (format) {
            case MARKDOWN -> markdown(COLUMNS, rows);
            case CSV -> csv(rows);
            case JSON -> json();
        };
    }

    /**
     * The slides' table: one row per dataset, one column per model kind (Linear, FCNN, ConvNet),
     * each cell the test error at the selected epoch of one run of that kind. Among several runs
     * of a kind the one with the lowest validation error wins; runs without a validation split
     * can only be compared on the test set, which the table then says under itself.
     */
    public String errorTable() {
        List<String> kinds = List.of("Linear", "FCNN", "ConvNet");
        Map<String, Map<String, RunSummary>> chosen = new LinkedHashMap<>();
        boolean pickedOnTest = false;
        for (var e : runs.stream().sorted(Comparator.comparing(x -> Datasets.order(x.getValue().dataset()))).toList()) {
            RunSummary s = e.getValue();
            if (s.selectedTestError() == null) continue;
            Map<String, RunSummary> cells = chosen.computeIfAbsent(Datasets.title(s.dataset()), k -> new LinkedHashMap<>());
            RunSummary other = cells.get(s.modelKind());
            if (other == null || better(s, other)) cells.put(s.modelKind(), s);
            if (other != null && (s.selection().valError() == null || other.selection().valError() == null)) pickedOnTest = true;
        }
        Map<String, Map<String, Double>> best = new LinkedHashMap<>();
        chosen.forEach((d, cells) -> cells.forEach((k, s) -> best.computeIfAbsent(d, x -> new LinkedHashMap<>()).put(k, s.selectedTestError())));
        String footnote = pickedOnTest ? "\nSome cells chose among runs without a validation split, so on the test set: an optimistic number.\n" : "";
        List<String> header = new ArrayList<>(List.of("Dataset"));
        header.addAll(kinds);
        List<List<String>> rows = new ArrayList<>();
        best.forEach((dataset, cells) -> {
            List<String> r = new ArrayList<>(List.of(dataset));
            for (String k : kinds) r.add(percent(cells.get(k)));
            rows.add(r);
        });
        return markdown(header, rows) + footnote;
    }

    /** By validation error when both have one, else by the test error at their selected epochs. */
    private static boolean better(RunSummary a, RunSummary b) {
        Double va = a.selection().valError(), vb = b.selection().valError();
        if (va != null && vb != null) return va < vb;
        if (va != null) return true;
        if (vb != null) return false;
        return a.selectedTestError() < b.selectedTestError();
    }

    static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> sb.append(" --- |"));
        sb.append('\n');
        for (List<String> r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        return sb.toString();
    }

    private static String csv(List<List<String>> rows) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).build())) {
            for (List<String> r : rows) p.printRecord(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", e.getKey().toString());
            m.put("summary", e.getValue());
            out.add(m);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
