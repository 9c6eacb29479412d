package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.autodiff.Generator;
import nnrun.config.CheckpointConfig;
import nnrun.nn.Linear;
import nnrun.nn.Sequential;
import nnrun.optim.Sgd;

class StopRequestTest {
    @TempDir Path tmp;

    @Test
    void aSignalDuringStartUpStopsStartUpWithTheSignalsExitCode() {
        StopRequest stop = new StopRequest();
        stop.checkBeforeStart("data loading"); // nothing requested: carries on
        stop.request("SIGTERM");
        RunInterruptedException e = assertThrows(RunInterruptedException.class, () -> stop.checkBeforeStart("data loading"));
        assertEquals("SIGTERM during data loading; nothing was trained", e.getMessage());
        assertEquals(143, e.exitCode());
        assertEquals(130, new RunInterruptedException("SIGINT", "").exitCode());
        assertEquals(129, new RunInterruptedException("SIGHUP", "").exitCode());
        assertEquals(138, new RunInterruptedException("SIGUSR1", "").exitCode());
    }

    @Test
    void aSignalDuringTrainingSavesTheBatchItStoppedAtThenEndsTheRun() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        Sequential model = new Sequential(new Linear(2, 1, new Generator(1)));
        StopRequest stop = new StopRequest();
        stop.saveWith(new CheckpointPolicy(run, new CheckpointConfig(1, 1, true), model, new Sgd(model.namedParameters(), 0.1)),
                "nnrun resume " + run.path());
        TrainState partial = Epochs.fresh().withPartialEpoch(7, new EpochTotals(1.5, 3, 70, 2));
        stop.afterBatch(new BatchReport(1, 7, 10, 1, 0.2f, EpochTotals.NONE), partial); // no request: nothing happens
        assertFalse(Files.exists(run.lastCheckpoint()));
        stop.request("SIGUSR1");
        RunInterruptedException e = assertThrows(RunInterruptedException.class,
                () -> stop.afterBatch(new BatchReport(1, 7, 10, 1, 0.2f, EpochTotals.NONE), partial));
        assertEquals("SIGUSR1: stopped at epoch 1, batch 7; checkpoint saved. Continue with: nnrun resume " + run.path(), e.getMessage());
        assertEquals(7, Checkpoint.read(run.lastCheckpoint()).state().batch());
    }
}
