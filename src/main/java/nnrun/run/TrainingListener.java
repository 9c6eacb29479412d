package nnrun.run;

import java.io.IOException;
import java.util.Optional;

/**
 * A part of training that is not the step itself (checkpoints, model selection, early stopping,
 * the summary, the divergence guard, interrupts, progress), called by {@link Trainer} at fixed
 * points, in the order the listeners were given: a listener that vetoes (the divergence guard
 * throws) must come before those that save. The state handed on is the newest; a listener that
 * decides something about it (the selected epoch) returns the updated state for the next.
 */
public interface TrainingListener {
    /** Training starts (or resumes) from this state. */
    default void onStart(TrainState state) throws IOException {}

    /** Epoch {@code epoch} of {@code batches} batches starts; {@code state.batch()} of them are already done. */
    default void beforeEpoch(int epoch, int batches, TrainState state) {}

    /** A step is done; {@code state} is the partial epoch up to and including it. */
    default void afterBatch(BatchReport batch, TrainState state) throws IOException {}

    /** An epoch is done and evaluated; returns the state, updated with whatever this listener decides. */
    default TrainState afterEpoch(EpochReport epoch, TrainState state) throws IOException { return state; }

    /** Why training should end now although epochs remain (early stopping), if it should. */
    default Optional<String> stopReason(TrainState state) { return Optional.empty(); }

    /** Training ended normally, after the last epoch or because of {@code stopReason}. */
    default void onEnd(TrainState state, Optional<String> stopReason) throws IOException {}

    /** Training ended by {@code failure} (an interrupt, divergence, or any error) in {@code state}. */
    default void onFailure(Throwable failure, TrainState state) {}
}
