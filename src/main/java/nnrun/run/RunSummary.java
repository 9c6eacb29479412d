package nnrun.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * summary.json: what a run was and how it ended, the one file {@code nnrun compare} reads. Error
 * rates are fractions; NaN (written as null) where a run has not evaluated yet. deviceTime is the
 * OpenCL backend's split of device time into kernels and host-device copies (null on the CPU).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(
        String name, String status, String dataset, String model, String modelKind, long parameters,
        String device, String deviceReason, int epochs, int epochsPlanned,
        Double finalTestError, Double finalTestLoss, Double bestTestError, int bestEpoch,
        Double finalTrainError, Double finalTrainLoss, double wallSeconds, double trainSamplesPerSecond, String deviceTime,
        Map<String, Object> hyperparameters, Map<String, String> versions, String message) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(this);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    public static RunSummary read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), RunSummary.class);
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
