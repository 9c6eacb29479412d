package nnrun.predict;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Predictions as CSV: input, class_index, class_name, probability, and top_k, the ranked classes
 * as {@code name:probability} joined by {@code ;} (best first, the predicted class included).
 */
public final class PredictionCsv {
    public static final List<String> HEADER = List.of("input", "class_index", "class_name", "probability", "top_k");

    private PredictionCsv() {}

    public static void write(List<Prediction> predictions, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
        csv.printRecord(HEADER);
        for (Prediction p : predictions) {
            RankedClass best = p.best();
            csv.printRecord(p.input(), best.index(), best.name(), probability(best.probability()),
                    p.ranked().stream().map(r -> r.name() + ":" + probability(r.probability())).collect(Collectors.joining(";")));
        }
        csv.flush();
    }

    private static String probability(float p) { return String.format(Locale.ROOT, "%.6f", p); }
}
