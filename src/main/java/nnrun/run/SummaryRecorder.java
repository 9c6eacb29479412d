package nnrun.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nnrun.backend.Backends;
import nnrun.backend.DeviceTime;
import nnrun.data.DataProvenance;

/**
 * Keeps summary.json true to the run's state: "running" from the start and after every epoch,
 * then "completed", "interrupted", "diverged" or "failed" with the reason, whatever ended it.
 */
final class SummaryRecorder implements TrainingListener {
    /** What the summary says about the run beyond its metrics, fixed for the run. */
    record Description(String name, String dataset, String model, String modelKind, long parameters, String device,
                       String deviceReason, int epochsPlanned, long seed, Map<String, Object> hyperparameters,
                       DataProvenance data) {}

    private final RunDirectory run;
    private final Description description;
    private final String selectionRule;
    private final List<MetricRow> history = new ArrayList<>();
    private RunEnvironment environment;
    private RunSummary last;

    SummaryRecorder(RunDirectory run, Description description, String selectionRule, RunEnvironment session) {
        this.run = run;
        this.description = description;
        this.selectionRule = selectionRule;
        this.environment = session;
    }

    /** The summary as last written. */
    RunSummary last() { return last; }

    @Override public void onStart(TrainState state) throws IOException {
        if (Files.exists(run.metrics())) {
            history.addAll(MetricRow.readUpTo(run.metrics(), state.epoch()));
        }
        if (Files.exists(run.summary())) {
            try {
                RunEnvironment first = RunSummary.read(run.summary()).environment();
                if (first != null) environment = first.resumedAs(environment);
            } catch (IOException unreadable) {
                // A torn or foreign summary is rewritten from this session's facts.
            }
        }
        write(state, "running", null);
    }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) throws IOException {
        history.addAll(epoch.rows());
        write(state, "running", null);
        return state;
    }

    @Override public void onEnd(TrainState state, Optional<String> stopReason) throws IOException {
        environment = environment.ended();
        write(state, "completed", stopReason.orElse(null));
    }

    @Override public void onFailure(Throwable failure, TrainState state) {
        environment = environment.ended();
        String status = failure instanceof RunInterruptedException ? "interrupted"
                : failure instanceof TrainingDivergedException ? "diverged" : "failed";
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        if (failure instanceof OutOfMemoryError) message = "out of memory: " + message;
        try {
            write(state, status, message);
        } catch (IOException | UncheckedIOException | OutOfMemoryError e) {
            failure.addSuppressed(e); // the original failure is what the user must see
        }
    }

    private void write(TrainState s, String status, String message) throws IOException {
        Optional<MetricRow> lastTest = lastOf("test"), lastVal = lastOf("val"), lastTrain = lastOf("train");
        RunSummary.Selection selection = s.bestEpoch() == 0 ? null : selectionAt(s.bestEpoch());
        double trainSeconds = history.stream().filter(r -> r.split().equals("train")).mapToDouble(MetricRow::seconds).sum();
        double trainSamples = history.stream().filter(r -> r.split().equals("train")).mapToDouble(r -> r.samplesPerSecond() * r.seconds()).sum();
        Description d = description;
        last = new RunSummary(RunSummary.SCHEMA_VERSION, d.name(), status, message, d.dataset(), d.model(), d.modelKind(),
                d.parameters(), d.device(), d.deviceReason(), s.epoch(), d.epochsPlanned(), selection,
                error(lastTest), loss(lastTest), error(lastVal), loss(lastVal), error(lastTrain), loss(lastTrain), s.wallSeconds(),
                trainSeconds > 0 ? trainSamples / trainSeconds : 0,
                Backends.current().deviceTime().map(DeviceTime::summary).orElse(null), d.seed(), d.hyperparameters(),
                d.data(), environment, RunSummary.currentVersions());
        last.write(run.summary());
    }

    private RunSummary.Selection selectionAt(int epoch) {
        Optional<MetricRow> val = at(epoch, "val"), test = at(epoch, "test");
        return new RunSummary.Selection(selectionRule, epoch, error(val), loss(val), error(test), loss(test));
    }

    private Optional<MetricRow> at(int epoch, String split) {
        return history.stream().filter(r -> r.epoch() == epoch && r.split().equals(split)).findFirst();
    }

    private Optional<MetricRow> lastOf(String split) {
        MetricRow found = null;
        for (MetricRow r : history) if (r.split().equals(split)) found = r;
        return Optional.ofNullable(found);
    }

    private static Double error(Optional<MetricRow> r) { return r.map(MetricRow::error).orElse(null); }

    private static Double loss(Optional<MetricRow> r) { return r.map(MetricRow::loss).orElse(null); }
}
