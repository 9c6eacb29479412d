package nnrun.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * People's own tabular data: one sample per CSV row, one label column, every other column a
 * numeric feature. Samples have shape [number of features]. Labels that are all non-negative
 * integers are used as class indices; otherwise the distinct label texts, sorted, become the class
 * names (so "setosa, versicolor, virginica" become classes 0, 1, 2 whatever the row order).
 */
public final class CsvDataset {

    /**
     * @param hasHeader   the first row names the columns
     * @param labelColumn the label column's header name, or its 0-based index; null for the last column
     */
    public record Options(boolean hasHeader, String labelColumn) {
    }

    private CsvDataset() {
    }

    public static Dataset read(Path file, Options options) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(file + " could not be read: " + e.getMessage(), e);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .build();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            return toDataset(file, options, text, parser.getRecords());
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            throw new DataException(file + " is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static Dataset toDataset(Path file, Options options, String text, List<CSVRecord> records) {
        LineCounter lines = new LineCounter(text);
        int first = options.hasHeader() ? 1 : 0;
        if (records.size() <= first) {
            throw new DataException(file + " has no data rows; put one sample per row"
                    + (options.hasHeader() ? " below the header" : ""));
        }
        CSVRecord reference = records.get(0);
        int columns = reference.size();
        if (columns < 2) {
            throw new DataException(file + " line " + lines.lineOf(reference) + ": found " + columns
                    + " column; a CSV dataset needs a label column and at least one feature column");
        }
        List<String> header = options.hasHeader() ? reference.toList() : null;
        int labelIndex = labelColumnIndex(file, options.labelColumn(), header, columns);
        int rows = records.size() - first;
        int features = columns - 1;
        float[] values = new float[Math.multiplyExact(rows, features)];
        String[] labelTexts = new String[rows];
        for (int r = 0; r < rows; r++) {
            CSVRecord record = records.get(first + r);
            if (record.size() != columns) {
                throw new DataException(file + " line " + lines.lineOf(record) + ": expected " + columns
                        + " columns (as in line " + lines.lineOf(reference) + ") but found " + record.size()
                        + "; every row needs one value per column");
            }
            int f = 0;
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    labelTexts[r] = record.get(c);
                    if (labelTexts[r].isEmpty()) {
                        throw new DataException(file + " line " + lines.lineOf(record) + ": the label in column "
                                + columnName(c, header) + " is empty; every row needs a label");
                    }
                    continue;
                }
                values[r * features + f++] = parseFeature(file, lines.lineOf(record), c, header, record.get(c));
            }
        }
        return withLabels(file, features, values, labelTexts);
    }

    private static Dataset withLabels(Path file, int features, float[] values, String[] labelTexts) {
        String name = file.getFileName().toString();
        int[] labels = new int[labelTexts.length];
        boolean numeric = true;
        for (int i = 0; i < labelTexts.length && numeric; i++) {
            numeric = labelTexts[i].chars().allMatch(Character::isDigit) && labelTexts[i].length() < 10;
            if (numeric) {
                labels[i] = Integer.parseInt(labelTexts[i]);
            }
        }
        if (numeric) {
            int max = 0;
            for (int label : labels) {
                max = Math.max(max, label);
            }
            return Dataset.ofFloats(name, new int[] {features}, values, labels, max + 1, null);
        }
        List<String> classNames = new ArrayList<>(new TreeSet<>(List.of(labelTexts)));
        for (int i = 0; i < labelTexts.length; i++) {
            labels[i] = Collections.binarySearch(classNames, labelTexts[i]);
        }
        return Dataset.ofFloats(name, new int[] {features}, values, labels, classNames.size(), classNames);
    }

    private static int labelColumnIndex(Path file, String labelColumn, List<String> header, int columns) {
        if (labelColumn == null) {
            return columns - 1;
        }
        if (header != null && header.contains(labelColumn)) {
            return header.indexOf(labelColumn);
        }
        try {
            int index = Integer.parseInt(labelColumn.strip());
            if (index >= 0 && index < columns) {
                return index;
            }
        } catch (NumberFormatException e) {
            // Not an index either: fall through to the explanation below.
        }
        throw new DataException(file + ": label column '" + labelColumn + "' is neither "
                + (header != null ? "a header name " + header + " nor " : "")
                + "a column index 0.." + (columns - 1) + "; set the label column to one of these");
    }

    private static float parseFeature(Path file, long line, int column, List<String> header, String cell) {
        try {
            float value = Float.parseFloat(cell);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the file, line and column.
        }
        throw new DataException(file + " line " + line + ", column " + columnName(column, header)
                + ": '" + cell + "' is not a finite number; feature columns must be numeric"
                + " (is this the label column? then name it as the label column)");
    }

    private static String columnName(int column, List<String> header) {
        return header == null ? String.valueOf(column) : column + " ('" + header.get(column) + "')";
    }

    /** Maps a record's character position to its 1-based line in the file, scanning forward once. */
    private static final class LineCounter {
        private final String text;
        private int position;
        private long line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        long lineOf(CSVRecord record) {
            int target = (int) record.getCharacterPosition();
            if (target < position) {
                position = 0;
                line = 1;
            }
            for (; position < target; position++) {
                if (text.charAt(position) == '\n') {
                    line++;
                }
            }
            // A record's position is where the parser started looking for it, before any empty lines it skipped.
            for (; position < text.length() && (text.charAt(position) == '\n' || text.charAt(position) == '\r'); position++) {
                if (text.charAt(position) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
