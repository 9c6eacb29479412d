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
 *
 * <p>A separate test file takes its classes from the training file ({@link #loadTest}): numbering
 * it on its own would silently turn a test file holding only "dog" into class 0, which is "cat" in
 * training.
 */
public final class CsvDataset {

    /**
     * @param hasHeader   the first row names the columns
     * @param labelColumn the label column's header name, or its 0-based index; null for the last column
     */
    public record Options(boolean hasHeader, String labelColumn) {
    }

    /** One CSV file read as a dataset, with its feature column names (null without a header). */
    public record Table(Path file, Dataset dataset, List<String> featureNames) {
    }

    private CsvDataset() {
    }

    public static Dataset read(Path file, Options options) {
        return load(file, options).dataset();
    }

    /** Reads a training file; its labels define the classes. */
    public static Table load(Path file, Options options) {
        Rows rows = parse(file, options);
        return rows.toTable(Classes.of(rows.labelTexts));
    }

    /**
     * Reads a test file with the classes and columns of {@code training}: a label the training file
     * does not have, or another number or order of feature columns, is a DataException naming the
     * line, since evaluating on it would report a meaningless error rate.
     */
    public static Table loadTest(Path file, Options options, Table training) {
        Rows rows = parse(file, options);
        int trainingFeatures = training.dataset().sampleLength();
        if (rows.features != trainingFeatures) {
            throw new DataException(file + " line " + rows.firstLine + ": " + rows.features + " feature column"
                    + (rows.features == 1 ? "" : "s") + " but the training file " + training.file() + " has "
                    + trainingFeatures + "; the test file needs the same columns as the training file");
        }
        if (rows.featureNames != null && training.featureNames() != null
                && !rows.featureNames.equals(training.featureNames())) {
            throw new DataException(file + " line " + rows.firstLine + ": feature columns " + rows.featureNames
                    + " differ from those of the training file " + training.file() + ", " + training.featureNames()
                    + "; put the same columns in the same order in both files");
        }
        return rows.toTable(Classes.of(training));
    }

    private static Rows parse(Path file, Options options) {
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
            return toRows(file, options, text, parser.getRecords());
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            throw new DataException(file + " is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static Rows toRows(Path file, Options options, String text, List<CSVRecord> records) {
        LineCounter lines = new LineCounter(text);
        int first = options.hasHeader() ? 1 : 0;
        if (records.size() <= first) {
            throw new DataException(file + " has no data rows; put one sample per row"
                    + (options.hasHeader() ? " below the header" : ""));
        }
        CSVRecord reference = records.get(0);
        long referenceLine = lines.lineOf(reference);
        int columns = reference.size();
        if (columns < 2) {
            throw new DataException(file + " line " + referenceLine + ": found " + columns
                    + " column; a CSV dataset needs a label column and at least one feature column");
        }
        List<String> header = options.hasHeader() ? reference.toList() : null;
        int labelIndex = labelColumnIndex(file, options.labelColumn(), header, columns);
        int rows = records.size() - first;
        int features = columns - 1;
        float[] values = new float[Math.multiplyExact(rows, features)];
        String[] labelTexts = new String[rows];
        long[] labelLines = new long[rows];
        for (int r = 0; r < rows; r++) {
            CSVRecord record = records.get(first + r);
            long line = lines.lineOf(record);
            if (record.size() != columns) {
                throw new DataException(file + " line " + line + ": expected " + columns
                        + " columns (as in line " + referenceLine + ") but found " + record.size()
                        + "; every row needs one value per column");
            }
            int f = 0;
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    labelTexts[r] = record.get(c);
                    labelLines[r] = line;
                    if (labelTexts[r].isEmpty()) {
                        throw new DataException(file + " line " + line + ": the label in column "
                                + columnName(c, header) + " is empty; every row needs a label");
                    }
                    continue;
                }
                values[r * features + f++] = parseFeature(file, line, c, header, record.get(c));
            }
        }
        List<String> featureNames = null;
        if (header != null) {
            featureNames = new ArrayList<>(header);
            featureNames.remove(labelIndex);
        }
        return new Rows(file, referenceLine, features, featureNames, values, labelTexts, labelLines);
    }

    /** The parsed cells of one file, before its label texts are turned into class indices. */
    private record Rows(Path file, long firstLine, int features, List<String> featureNames, float[] values,
                        String[] labelTexts, long[] labelLines) {

        Table toTable(Classes classes) {
            int[] labels = new int[labelTexts.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = classes.indexOf(labelTexts[i]);
                if (labels[i] < 0) {
                    throw new DataException(file + " line " + labelLines[i] + ": label '" + labelTexts[i]
                            + "' is not a class of the training file " + classes.source() + " ("
                            + classes.describe() + "); a test file may only use the training file's labels");
                }
            }
            Dataset dataset = Dataset.ofFloats(file.getFileName().toString(), new int[] {features}, values,
                    labels, classes.count(), classes.names());
            return new Table(file, dataset, featureNames);
        }
    }

    /**
     * How label texts map to class indices: integer labels are the indices themselves (0..count-1);
     * text labels are positions in the sorted list of names.
     *
     * @param names  class names in index order, or null for integer labels
     * @param source the training file the classes come from, null while reading that file itself
     */
    private record Classes(List<String> names, int count, Path source) {

        static Classes of(String[] labelTexts) {
            boolean numeric = true;
            int max = 0;
            for (int i = 0; i < labelTexts.length && numeric; i++) {
                int label = classIndex(labelTexts[i]);
                numeric = label >= 0;
                max = Math.max(max, label);
            }
            if (numeric) {
                return new Classes(null, max + 1, null);
            }
            List<String> names = new ArrayList<>(new TreeSet<>(List.of(labelTexts)));
            return new Classes(names, names.size(), null);
        }

        static Classes of(Table training) {
            Dataset d = training.dataset();
            return new Classes(d.classNames().isEmpty() ? null : d.classNames(), d.numClasses(), training.file());
        }

        /** The class of a label text, or -1 when it is none of these classes. */
        int indexOf(String labelText) {
            if (names == null) {
                int index = classIndex(labelText);
                return index < count ? index : -1;
            }
            int index = Collections.binarySearch(names, labelText);
            return index >= 0 ? index : -1;
        }

        String describe() {
            return names == null ? "its labels are the class indices 0.." + (count - 1)
                    : "its classes are " + String.join(", ", names);
        }
    }

    /** A label written as a non-negative integer, or -1 when it is text. */
    private static int classIndex(String labelText) {
        if (labelText.length() >= 10 || !labelText.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(labelText);
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
