package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnrun.autodiff.Generator;
import nnrun.config.CheckpointConfig;
import nnrun.nn.Linear;
import nnrun.nn.Sequential;
import nnrun.optim.Sgd;

class CheckpointPolicyTest {
    @TempDir Path tmp;

    private final Sequential model = new Sequential(new Linear(2, 1, new Generator(1)));
    private final Sgd optimizer = new Sgd(model.namedParameters(), 0.1);

    @Test
    void bestStaysTheSelectedEpochsFileAndOnlyTheNewestEpochFilesAreKept() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        CheckpointPolicy policy = new CheckpointPolicy(run, new CheckpointConfig(1, 2, true), model, optimizer);
        TrainState s = Epochs.fresh();
        for (int epoch = 1; epoch <= 4; epoch++) {
            s = s.atEpochEnd(epoch, java.util.Map.of(), java.util.Map.of());
            if (epoch == 2) s = s.withSelection(0.1, 2); // epoch 2 is selected, later ones are not
            policy.afterEpoch(Epochs.of(epoch, "val", 0.1, "test", 0.2), s);
        }
        assertEquals(4, Checkpoint.read(run.lastCheckpoint()).state().epoch());
        assertEquals(2, Checkpoint.read(run.bestCheckpoint()).state().epoch(), "best.ckpt kept epoch 2 while last.ckpt moved on");
        try (Stream<Path> files = Files.list(run.checkpoints())) {
            assertEquals(List.of("best.ckpt", "epoch-0003.ckpt", "epoch-0004.ckpt", "last.ckpt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "keep_last 2, and no temporary files left");
        }
        assertEquals(3, Checkpoint.read(run.epochCheckpoint(3)).state().epoch());
    }

    @Test
    void withKeepBestOffThereIsNoBestFile() throws Exception {
        RunDirectory run = RunDirectory.create(tmp, "x", Instant.now());
        CheckpointPolicy policy = new CheckpointPolicy(run, new CheckpointConfig(5, 1, false), model, optimizer);
        TrainState s = Epochs.fresh().atEpochEnd(1, java.util.Map.of(), java.util.Map.of()).withSelection(0.1, 1);
        policy.afterEpoch(Epochs.of(1, "test", 0.1), s);
        assertTrue(Files.exists(run.lastCheckpoint()));
        assertFalse(Files.exists(run.bestCheckpoint()));
        assertFalse(Files.exists(run.epochCheckpoint(1)), "every 5 epochs");
    }
}
