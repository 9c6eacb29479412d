package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json tells the run's state whatever ends it. */
class SummaryRecorderTest {
    @TempDir Path tmp;

    private SummaryRecorder recorder(RunDirectory run) {
        var d = new SummaryRecorder.Description("x", "spirals", "linear 2", "Linear", 6, "java", "test", 3, 7, Map.of("lr", 0.1), null);
        return new SummaryRecorder(run, d, "min val_error", RunEnvironment.now(Map.of("SLURM_JOB_ID", "42")));
    }

    @Test
    void runningAfterEachEpochThenCompletedWithTheSelectedEpochsTestError() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        SummaryRecorder r = recorder(run);
        TrainState s = Epochs.fresh();
        r.onStart(s);
        assertEquals("running", RunSummary.read(run.summary()).status());
        s = r.afterEpoch(Epochs.of(1, "val", 0.2, "test", 0.3), s.atEpochEnd(1, Map.of(), Map.of()).withSelection(0.2, 1));
        s = r.afterEpoch(Epochs.of(2, "val", 0.25, "test", 0.1), s.atEpochEnd(2, Map.of(), Map.of()));
        r.onEnd(s, Optional.empty());
        RunSummary summary = RunSummary.read(run.summary());
        assertEquals("completed", summary.status());
        assertEquals(new RunSummary.Selection("min val_error", 1, 0.2, 0.2, 0.3, 0.3), summary.selection());
        assertEquals(0.1, summary.finalTestError(), 1e-12, "the final test error is reported beside, not instead");
        assertEquals(RunSummary.SCHEMA_VERSION, summary.schemaVersion());
        assertEquals("42", summary.environment().slurmJobId());
        assertNotNull(summary.environment().endTime());
        assertEquals(7, summary.seed());
    }

    @Test
    void anyFailureLeavesItsStatusAndReason() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        SummaryRecorder r = recorder(run);
        r.onStart(Epochs.fresh());
        r.onFailure(new IllegalStateException("the device went away"), Epochs.fresh());
        assertEquals("failed", RunSummary.read(run.summary()).status());
        assertEquals("the device went away", RunSummary.read(run.summary()).message());
        r.onFailure(new OutOfMemoryError("Java heap space"), Epochs.fresh());
        assertEquals("out of memory: Java heap space", RunSummary.read(run.summary()).message());
        r.onFailure(new RunInterruptedException("SIGTERM", "SIGTERM: stopped"), Epochs.fresh());
        assertEquals("interrupted", RunSummary.read(run.summary()).status());
        r.onFailure(new TrainingDivergedException("loss became NaN"), Epochs.fresh());
        assertEquals("diverged", RunSummary.read(run.summary()).status());
    }
    /** Slurm's requeue test caught this: a selected epoch read back from metrics.csv printed as 0.032587726, live as 0.03258772621154785. */
    @Test
    void anEpochSelectedBeforeAResumeReadsAsInTheUninterruptedRun() throws Exception {
        double valLoss = 0.022126471519470215, testLoss = 0.03258772621154785; // float losses widened to double
        EpochReport first = new EpochReport(1, 10, java.util.List.of(new MetricRow(1, "train", 0.1 / 3, 0.05, 0.01, 1, 100),
                new MetricRow(1, "val", valLoss, 0.0055, 0.01, 1, 100), new MetricRow(1, "test", testLoss, 0.0104, 0.01, 1, 100)));
        EpochReport second = Epochs.of(2, "val", 0.25, "test", 0.1);

        RunDirectory whole = RunDirectory.create(tmp.resolve("whole"), "x", Instant.now());
        TrainState s = Epochs.fresh();
        SummaryRecorder r = recorder(whole);
        r.onStart(s);
        s = r.afterEpoch(first, s.atEpochEnd(1, Map.of(), Map.of()).withSelection(0.0055, 1));
        s = r.afterEpoch(second, s.atEpochEnd(2, Map.of(), Map.of()));
        r.onEnd(s, Optional.empty());

        RunDirectory resumed = RunDirectory.create(tmp.resolve("resumed"), "x", Instant.now());
        TrainState t = Epochs.fresh();
        MetricsRecorder metrics = new MetricsRecorder(resumed);
        metrics.onStart(t);
        t = metrics.afterEpoch(first, t.atEpochEnd(1, Map.of(), Map.of()).withSelection(0.0055, 1));
        SummaryRecorder afterRequeue = recorder(resumed); // a new session: epoch 1 comes from metrics.csv
        afterRequeue.onStart(t);
        t = afterRequeue.afterEpoch(second, t.atEpochEnd(2, Map.of(), Map.of()));
        afterRequeue.onEnd(t, Optional.empty());

        assertEquals(RunSummary.read(whole.summary()).selection(), RunSummary.read(resumed.summary()).selection());
        assertEquals(selectionJson(whole), selectionJson(resumed));
        assertTrue(selectionJson(whole).contains("0.032587726"), selectionJson(whole));
    }

    private static String selectionJson(RunDirectory run) throws java.io.IOException {
        String json = java.nio.file.Files.readString(run.summary());
        int at = json.indexOf("\"selection\"");
        return json.substring(at, json.indexOf('}', at) + 1);
    }
}
