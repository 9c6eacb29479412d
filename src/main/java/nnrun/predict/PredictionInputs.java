package nnrun.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import nnrun.data.DataException;
import nnrun.data.Dataset;
import nnrun.data.IdxFile;
import nnrun.data.ImageDecoder;

/**
 * Turns the files given to `nnrun predict` into samples of the model's input shape, with values
 * as the training loaders produced them (before normalization): PNG/JPEG images (also all those in
 * a folder, in name order), IDX files of records, and CSV files of one sample per row.
 */
public final class PredictionInputs {
    private final int[] shape;
    private final int length;
    private final boolean invertImages;
    private final Optional<String> trainingLabelColumn;

    /**
     * @param shape               the model's per-sample input shape
     * @param invertImages        use 1 − value for images: dark strokes on light paper for a model trained on light-on-dark digits
     * @param trainingLabelColumn for a model trained on a CSV file: its label column (a header name or index; empty string
     *                            for the last column), dropped from prediction CSVs that still have it
     */
    public PredictionInputs(int[] shape, boolean invertImages, Optional<String> trainingLabelColumn) {
        this.shape = shape.clone();
        this.length = Dataset.product(shape);
        this.invertImages = invertImages;
        this.trainingLabelColumn = trainingLabelColumn;
    }

    public List<PredictionInput> read(List<Path> paths) {
        List<PredictionInput> all = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) all.addAll(folder(p));
            else if (!Files.isRegularFile(p)) throw new DataException(p + " does not exist; pass image, IDX or CSV files, or a folder of images");
            else if (ImageDecoder.isImageFile(p)) all.add(image(p));
            else if (p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) all.addAll(csv(p));
            else all.addAll(idx(p));
        }
        return all;
    }

    private List<PredictionInput> folder(Path dir) {
        List<Path> images;
        try (Stream<Path> files = Files.list(dir)) {
            images = files.filter(f -> Files.isRegularFile(f) && ImageDecoder.isImageFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
        if (images.isEmpty()) throw new DataException(dir + " holds no .png, .jpg or .jpeg file");
        return images.stream().map(this::image).toList();
    }

    private PredictionInput image(Path file) {
        if (shape.length != 3)
            throw new DataException(file + ": the model takes feature vectors of shape " + Arrays.toString(shape)
                    + ", not images; pass the features as a CSV file");
        float[] sample = ImageDecoder.read(file, shape[0], shape[1], shape[2]);
        if (invertImages) for (int i = 0; i < sample.length; i++) sample[i] = 1f - sample[i];
        return new PredictionInput(file.toString(), sample);
    }

    private List<PredictionInput> idx(Path file) {
        IdxFile idx;
        try {
            idx = IdxFile.read(file);
        } catch (DataException e) {
            throw new DataException(file + " is not a PNG/JPEG image (by its name), a .csv file, or an IDX file: " + e.getMessage(), e);
        }
        int[] record = Arrays.copyOfRange(idx.dims(), 1, idx.dims().length);
        boolean fits = Arrays.equals(record, shape)
                || (shape.length > 1 && shape[0] == 1 && Arrays.equals(record, Arrays.copyOfRange(shape, 1, shape.length)));
        if (!fits)
            throw new DataException(file + ": its records have shape " + Arrays.toString(record) + " but the model takes samples of shape "
                    + Arrays.toString(shape) + (record.length == 0 ? " (this looks like a label file; pass the image file)" : "")
                    + "; use an IDX file of the training data's format, or images");
        List<PredictionInput> out = new ArrayList<>(idx.records());
        byte[] values = idx.values();
        for (int r = 0; r < idx.records(); r++) {
            float[] sample = new float[length];
            for (int i = 0; i < length; i++) sample[i] = (values[r * length + i] & 0xFF) / 255f;
            out.add(new PredictionInput(file + "#" + r, sample));
        }
        return out;
    }

    private List<PredictionInput> csv(Path file) {
        List<CSVRecord> records;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
                    .setIgnoreEmptyLines(true).build())) {
                records = parser.getRecords();
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DataException(file + " could not be read as CSV: " + e.getMessage(), e);
        }
        // A header row has more non-numeric cells than the row below it (a text label column has one in every row).
        boolean header = !records.isEmpty()
                && nonNumeric(records.get(0)) > (records.size() > 1 ? nonNumeric(records.get(1)) : 0);
        List<CSVRecord> rows = header ? records.subList(1, records.size()) : records;
        if (rows.isEmpty()) throw new DataException(file + " has no data rows; put one sample per row");
        int dropped = labelColumn(header ? records.get(0).toList() : null, rows.get(0).size());
        List<PredictionInput> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            CSVRecord row = rows.get(r);
            int values = row.size() - (dropped >= 0 && dropped < row.size() ? 1 : 0);
            if (values != length)
                throw new DataException(file + " row " + row.getRecordNumber() + ": " + values + " values but the model takes "
                        + length + " per sample (shape " + Arrays.toString(shape) + (shape.length == 3 ? ", pixel values in [0,1]" : "")
                        + "); give one value per feature in every row" + (trainingLabelColumn.isPresent()
                        ? ", optionally with the training data's label column" : ""));
            float[] sample = new float[length];
            for (int c = 0, f = 0; c < row.size(); c++) {
                if (c == dropped) continue;
                String cell = row.get(c);
                if (!isNumber(cell))
                    throw new DataException(file + " row " + row.getRecordNumber() + ", column " + c + ": '" + cell
                            + "' is not a finite number; every feature must be numeric");
                sample[f++] = Float.parseFloat(cell);
            }
            out.add(new PredictionInput(file + "#" + r, sample));
        }
        return out;
    }

    /** The training label column's index when a row still has it, else -1. */
    private int labelColumn(List<String> header, int width) {
        if (trainingLabelColumn.isEmpty() || width != length + 1) return -1;
        String label = trainingLabelColumn.get();
        if (label.isEmpty()) return width - 1;
        if (header != null && header.contains(label)) return header.indexOf(label);
        try {
            return Integer.parseInt(label.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long nonNumeric(CSVRecord row) { return row.stream().filter(cell -> !isNumber(cell)).count(); }

    private static boolean isNumber(String cell) {
        try {
            return Float.isFinite(Float.parseFloat(cell));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
