package nnrun.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnrun.data.DataProvenance;

/**
 * summary.json: what a run was and how it ended, the file {@code nnrun compare} reads; its schema
 * (versioned by {@code schemaVersion}) is documented in docs/summary-json.md. Error rates are
 * fractions; null where a run has not evaluated yet. {@code selection} is the epoch the run
 * reports (by validation error when there is a validation split, else the last), with its test
 * error; {@code final*} are the last evaluation's. {@code dataset} is the data the run really read
 * (by content, see {@code data}), which may differ from the name its config used.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(
        int schemaVersion, String name, String status, String message,
        String dataset, String model, String modelKind, long parameters, String device, String deviceReason,
        int epochs, int epochsPlanned, Selection selection,
        Double finalTestError, Double finalTestLoss, Double finalValError, Double finalValLoss,
        Double finalTrainError, Double finalTrainLoss,
        double wallSeconds, double trainSamplesPerSecond, String deviceTime,
        long seed, Map<String, Object> hyperparameters, DataProvenance data, RunEnvironment environment,
        Map<String, String> versions) {

    public static final int SCHEMA_VERSION = 2;

    /**
     * The epoch a run reports: chosen by {@code rule} ("min val_error" or "last epoch"), with the
     * validation metrics it was chosen on (null without a split) and its test metrics.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Selection(String rule, int epoch, Double valError, Double valLoss, Double testError, Double testLoss) {}

    /** The headline test error: the selected epoch's; null before any evaluation. */
    public Double selectedTestError() { return selection == null ? null : selection.testError(); }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(this);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    public static RunSummary read(Path file) throws IOException {
        try {
            RunSummary s = JSON.readValue(file.toFile(), RunSummary.class);
            if (s == null) throw new IOException("the file holds null");
            return s;
        } catch (IOException e) {
            throw new IOException(file + ": not a readable run summary (" + e.getMessage() + ")", e);
        }
    }

    /** NaN becomes null in JSON: "not measured" rather than a number. */
    public static Double orNull(double v) { return Double.isNaN(v) ? null : v; }

    public static Map<String, String> currentVersions() {
        String version = RunSummary.class.getPackage().getImplementationVersion(); // from the jar's manifest
        return Map.of("nnrun", version == null ? "dev (classes, not the jar)" : version,
                "java", System.getProperty("java.version"),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}
