package nnrun.run;

import java.util.Optional;

import nnrun.config.CheckpointConfig;
import nnrun.config.EarlyStopping;
import nnrun.config.ExperimentConfig;
import nnrun.config.Range;

/**
 * What the training loop and its listeners need from the config, and nothing else: how long to
 * train, when to evaluate, how to clip, when to checkpoint and when to stop early.
 */
public record TrainingSettings(int epochs, int evalEvery, long seed, double clipNorm, CheckpointConfig checkpoint,
                               Optional<EarlyStopping> earlyStopping, int logEvery) {

    /** The optimizer option that is the loop's business: clipping happens between backward and step. */
    static final String CLIP_NORM = "clip_norm";

    public static TrainingSettings of(ExperimentConfig config) {
        double clip = config.optimizer().options().getDouble(CLIP_NORM, 0, Range.atLeast(0));
        return new TrainingSettings(config.train().epochs(), config.train().evalEvery(), config.seed(), clip,
                config.checkpoint(), config.train().earlyStopping(), config.train().logEvery());
    }

    /** The same settings training to {@code epochs} instead ({@code nnrun resume --epochs N}). */
    public TrainingSettings withEpochs(int epochs) {
        return new TrainingSettings(epochs, evalEvery, seed, clipNorm, checkpoint, earlyStopping, logEvery);
    }

    boolean evaluatesAfter(int epoch) { return epoch % evalEvery == 0 || epoch == epochs; }
}
