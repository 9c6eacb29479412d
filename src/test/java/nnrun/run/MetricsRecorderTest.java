package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsRecorderTest {
    @TempDir Path tmp;

    @Test
    void resumingDropsRowsAfterTheCheckpointAndATornLastRow() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        MetricsRecorder first = new MetricsRecorder(run);
        TrainState s = Epochs.fresh();
        first.onStart(s);
        for (int e = 1; e <= 3; e++) first.afterEpoch(Epochs.of(e, "test", 0.5), s);
        first.onFailure(new RuntimeException("killed"), s);
        Files.writeString(run.metrics(), "4,train,0.12", StandardOpenOption.APPEND); // kill -9 mid-row

        MetricsRecorder resumed = new MetricsRecorder(run);
        resumed.onStart(s.atEpochEnd(2, java.util.Map.of(), java.util.Map.of())); // the checkpoint is epoch 2's
        resumed.afterEpoch(Epochs.of(3, "test", 0.4), s);
        resumed.onEnd(s, Optional.empty());
        List<MetricRow> rows = MetricRow.readAll(run.metrics());
        assertEquals(List.of(1, 1, 2, 2, 3, 3), rows.stream().map(MetricRow::epoch).toList());
        assertEquals(0.4, rows.get(5).error(), 1e-6, "epoch 3 as the resumed run wrote it");
    }

    @Test
    void aBadRowBeforeTheEndIsStillAnError() throws Exception {
        Path file = tmp.resolve("metrics.csv");
        Files.writeString(file, "epoch,split,loss,error,lr,seconds,samples_per_s\n1,train,x,0.1,0.1,1,1\n2,train,0.1,0.1,0.1,1,1\n");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> MetricRow.readUpTo(file, 5));
        assertTrue(e.getMessage().contains("not a metrics row"), e.getMessage());
    }
}
