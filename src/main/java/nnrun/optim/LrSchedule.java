package nnrun.optim;

import java.util.Map;

/**
 * The learning rate for each epoch (0-based), set on the optimizer before the epoch runs.
 * Schedules that react to a metric (reduce-on-plateau) are told it after each epoch; those with
 * state export it for checkpoints.
 */
public interface LrSchedule {
    double lr(int epoch);

    /** The validation metric (lower is better) measured at the end of an epoch. */
    default void observe(int epoch, double metric) {}

    default Map<String, Double> exportState() { return Map.of(); }

    default void importState(Map<String, Double> state) {}
}
