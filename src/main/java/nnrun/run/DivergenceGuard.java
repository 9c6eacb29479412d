package nnrun.run;

import java.nio.file.Files;
import java.util.Locale;

/**
 * Stops a run whose loss is no longer a number: a training batch's, or an evaluation's (a NaN
 * test loss is divergence too, not an epoch to save as best). It runs before the listeners that
 * save, so nothing diverged is ever written.
 */
final class DivergenceGuard implements TrainingListener {
    private final RunDirectory run;

    DivergenceGuard(RunDirectory run) { this.run = run; }

    @Override public void afterBatch(BatchReport b, TrainState state) {
        if (!Float.isFinite(b.loss())) throw diverged(String.format(Locale.ROOT, "loss became %s at epoch %d, batch %d", b.loss(),
                b.epoch(), b.index()));
    }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) {
        for (MetricRow r : epoch.rows()) {
            if (!Double.isFinite(r.loss())) throw diverged(String.format(Locale.ROOT, "the %s loss became %s after epoch %d",
                    r.split(), r.loss(), epoch.epoch()));
        }
        return state;
    }

    private TrainingDivergedException diverged(String what) {
        String kept = Files.exists(run.lastCheckpoint()) ? "The last good checkpoint is kept in " + run.checkpoints() + "."
                : "No checkpoint was written yet.";
        return new TrainingDivergedException(what + "; stopped. " + kept
                + " Lower optimizer.lr, add optimizer.clip_norm, or check the data's normalization.");
    }
}
