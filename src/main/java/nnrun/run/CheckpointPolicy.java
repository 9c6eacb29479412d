package nnrun.run;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import nnrun.config.CheckpointConfig;
import nnrun.nn.Module;
import nnrun.optim.Optimizer;

/**
 * Which checkpoints a run keeps: last.ckpt after every epoch (and on an interrupt), best.ckpt
 * for the selected epoch, epoch-NNNN.ckpt every {@code every} epochs with the newest
 * {@code keep_last} kept. Every file appears whole or not at all: last.ckpt is written to a
 * temporary file and renamed, and best and epoch files are hard links to that finished file,
 * renamed into place, so a crash at any moment leaves each name pointing at a complete checkpoint.
 */
final class CheckpointPolicy implements TrainingListener {
    private final RunDirectory run;
    private final CheckpointConfig config;
    private final Module model;
    private final Optimizer optimizer;

    CheckpointPolicy(RunDirectory run, CheckpointConfig config, Module model, Optimizer optimizer) {
        this.run = run;
        this.config = config;
        this.model = model;
        this.optimizer = optimizer;
    }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) throws IOException {
        saveLast(state);
        if (config.keepBest() && state.bestEpoch() == epoch.epoch()) publish(run.bestCheckpoint());
        if (epoch.epoch() % config.every() == 0) {
            publish(run.epochCheckpoint(epoch.epoch()));
            pruneEpochCheckpoints();
        }
        return state;
    }

    /** Writes last.ckpt for {@code state} (also what an interrupt saves). */
    void saveLast(TrainState state) throws IOException {
        Checkpoint.capture(model, optimizer, state).write(run.lastCheckpoint());
    }

    /** Gives the just-written last.ckpt a second name, atomically. */
    private void publish(Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".link.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createLink(tmp, run.lastCheckpoint());
        } catch (UnsupportedOperationException | IOException noLinks) {
            // A file system without hard links: a full copy, still renamed into place only when complete.
            Files.copy(run.lastCheckpoint(), tmp, StandardCopyOption.REPLACE_EXISTING);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void pruneEpochCheckpoints() throws IOException {
        try (Stream<Path> files = Files.list(run.checkpoints())) {
            List<Path> epochs = files.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.ckpt")).sorted().toList();
            for (int i = 0; i < epochs.size() - config.keepLast(); i++) Files.deleteIfExists(epochs.get(i));
        }
    }
}
