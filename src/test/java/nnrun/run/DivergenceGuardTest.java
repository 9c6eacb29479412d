package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DivergenceGuardTest {
    @TempDir Path tmp;

    @Test
    void aNanBatchLossStopsTheRunAndSaysNoCheckpointExistsYet() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        DivergenceGuard guard = new DivergenceGuard(run);
        guard.afterBatch(new BatchReport(1, 1, 10, 1, 2.3f, EpochTotals.NONE), Epochs.fresh());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.afterBatch(new BatchReport(1, 2, 10, 1, Float.NaN, EpochTotals.NONE), Epochs.fresh()));
        assertTrue(e.getMessage().startsWith("loss became NaN at epoch 1, batch 2; stopped. No checkpoint was written yet."),
                e.getMessage());
    }

    @Test
    void aNonFiniteEvaluationLossIsDivergenceTooAndNamesTheKeptCheckpoint() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        Files.writeString(run.lastCheckpoint(), "a checkpoint");
        DivergenceGuard guard = new DivergenceGuard(run);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.afterEpoch(Epochs.of(3, "test", Double.POSITIVE_INFINITY), Epochs.fresh()));
        assertTrue(e.getMessage().startsWith("the test loss became Infinity after epoch 3; stopped. The last good checkpoint is kept in "
                + run.checkpoints()), e.getMessage());
    }
}
