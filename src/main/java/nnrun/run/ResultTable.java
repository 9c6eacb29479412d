package nnrun.run;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A table of typed cells written as Markdown for people, or as CSV and JSON for scripts. Markdown
 * shows headings and error rates as percentages; CSV and JSON use the column keys (no spaces) and
 * plain numbers (error rates as fractions, as in summary.json), an empty cell or null where a value
 * is missing.
 */
final class ResultTable {
    /** How a column's values read in Markdown. */
    enum Kind { TEXT, NUMBER, FRACTION, SECONDS }

    /** A column: its key (CSV header, JSON field), its Markdown heading, and how its values read there. */
    record Column(String key, String heading, Kind kind) {
        Column {
            if (key.chars().anyMatch(Character::isWhitespace)) throw new IllegalArgumentException("column key with a space: " + key);
        }
    }

    private final List<Column> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    ResultTable(List<Column> columns) { this.columns = List.copyOf(columns); }

    /** Cells in column order: String, Number or null (missing). */
    void add(List<?> cells) {
        if (cells.size() != columns.size()) throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        rows.add(new ArrayList<>(cells));
    }

    String render(Comparison.Format format) {
        return switch (format) {
            case MARKDOWN -> markdown();
            case CSV -> csv();
            case JSON -> json();
        };
    }

    private String markdown() {
        StringBuilder sb = new StringBuilder("|");
        for (Column c : columns) sb.append(' ').append(c.heading()).append(" |");
        sb.append("\n|");
        columns.forEach(c -> sb.append(" --- |"));
        sb.append('\n');
        for (List<Object> r : rows) {
            sb.append('|');
            for (int i = 0; i < columns.size(); i++) sb.append(' ').append(pretty(columns.get(i).kind(), r.get(i))).append(" |");
            sb.append('\n');
        }
        return sb.toString();
    }

    static String pretty(Kind kind, Object v) {
        if (v == null || v instanceof Double d && d.isNaN()) return "-";
        return switch (kind) {
            case FRACTION -> String.format(Locale.ROOT, "%.2f%%", 100 * ((Number) v).doubleValue());
            case SECONDS -> String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
            case NUMBER -> plain(v);
            case TEXT -> String.valueOf(v);
        };
    }

    /** Numbers as written by hand: 0.0001, 128, 0.015 (no exponent, no trailing zeros). */
    private static String plain(Object v) {
        if (v instanceof Double || v instanceof Float) return BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
        return String.valueOf(v);
    }

    private static Object machine(Object v) {
        return v instanceof Double d && d.isNaN() ? null : v;
    }

    private String csv() {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                .setHeader(columns.stream().map(Column::key).toArray(String[]::new)).build())) {
            for (List<Object> r : rows) {
                List<String> cells = new ArrayList<>();
                for (Object v : r) cells.add(machine(v) == null ? "" : v instanceof Number ? plain(v) : String.valueOf(v));
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) m.put(columns.get(i).key(), machine(r.get(i)));
            out.add(m);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
