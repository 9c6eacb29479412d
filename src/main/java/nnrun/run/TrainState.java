package nnrun.run;

import java.util.Map;

/**
 * Where training stands, beyond the tensors: enough to continue bit for bit. {@code batch} is the
 * number of batches already done in epoch {@code epoch + 1} (0 at an epoch boundary), with the
 * running sums of that partial epoch.
 */
public record TrainState(int epoch, int batch, double trainLossSum, long trainErrors, long trainSeen,
                         double trainSeconds, double bestError, int bestEpoch, int epochsSinceBest,
                         Map<String, Double> scheduleState, Map<String, Long> optimizerCounters,
                         double wallSeconds) {

    public static TrainState start() {
        return new TrainState(0, 0, 0, 0, 0, 0, Double.NaN, 0, 0, Map.of(), Map.of(), 0);
    }
}
