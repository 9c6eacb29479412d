package nnrun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Appends each epoch's rows to metrics.csv. On resume it first drops rows written after the
 * checkpoint (and a torn last row), so the file ends as an uninterrupted run's would.
 */
final class MetricsRecorder implements TrainingListener {
    private final RunDirectory run;
    private MetricsWriter writer;

    MetricsRecorder(RunDirectory run) { this.run = run; }

    @Override public void onStart(TrainState state) throws IOException {
        writer = Files.exists(run.metrics()) ? MetricsWriter.resume(run.metrics(), state.epoch()) : MetricsWriter.create(run.metrics());
    }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) throws IOException {
        for (MetricRow r : epoch.rows()) writer.write(r);
        return state;
    }

    @Override public void onEnd(TrainState state, Optional<String> stopReason) throws IOException { close(); }

    @Override public void onFailure(Throwable failure, TrainState state) {
        try {
            close();
        } catch (IOException ignored) {
            // Every row was flushed when written; the failure being reported matters more.
        }
    }

    private void close() throws IOException {
        if (writer != null) writer.close();
        writer = null;
    }
}
