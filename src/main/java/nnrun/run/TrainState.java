package nnrun.run;

import java.util.Map;

/**
 * Where training stands, beyond the tensors: enough to continue bit for bit. {@code batch} is the
 * number of batches already done in epoch {@code epoch + 1} (0 at an epoch boundary), with the
 * running sums of that partial epoch. {@code bestError} is the monitored split's (validation, else
 * test) best error, which picks best.ckpt; {@code watchedBest} is the early-stopping metric's best.
 */
public record TrainState(int epoch, int batch, double trainLossSum, long trainErrors, long trainSeen,
                         double trainSeconds, double bestError, int bestEpoch, double watchedBest, int epochsSinceBest,
                         Map<String, Double> scheduleState, Map<String, Long> optimizerCounters,
                         double wallSeconds) {

    public static TrainState start() {
        return new TrainState(0, 0, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, 0, Map.of(), Map.of(), 0);
    }
}
