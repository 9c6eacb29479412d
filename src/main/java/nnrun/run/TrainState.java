package nnrun.run;

import java.util.Map;

/**
 * Where training stands, beyond the tensors: enough to continue bit for bit. {@code batch} is the
 * number of batches already done in epoch {@code epoch + 1} (0 at an epoch boundary), with the
 * running sums of that partial epoch. {@code bestError}/{@code bestEpoch} are the selected epoch
 * (see {@link ModelSelection}); {@code watchedBest}/{@code epochsSinceBest} are early stopping's.
 * {@code configFingerprint} is the resolved config's, so resume can refuse an edited one.
 */
public record TrainState(int epoch, int batch, double trainLossSum, long trainErrors, long trainSeen,
                         double trainSeconds, double bestError, int bestEpoch, double watchedBest, int epochsSinceBest,
                         Map<String, Double> scheduleState, Map<String, Long> optimizerCounters,
                         double wallSeconds, String configFingerprint) {

    public static TrainState start(String configFingerprint) {
        return new TrainState(0, 0, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, 0, Map.of(), Map.of(), 0, configFingerprint);
    }

    /** Part-way through epoch {@code epoch + 1}: {@code batch} batches done with these running sums. */
    public TrainState withPartialEpoch(int batch, EpochTotals totals) {
        return new TrainState(epoch, batch, totals.lossSum(), totals.errors(), totals.seen(), totals.seconds(), bestError,
                bestEpoch, watchedBest, epochsSinceBest, scheduleState, optimizerCounters, wallSeconds, configFingerprint);
    }

    /** Epoch {@code finished} done: no partial sums, the schedule's and optimizer's state as they are now. */
    public TrainState atEpochEnd(int finished, Map<String, Double> schedule, Map<String, Long> counters) {
        return new TrainState(finished, 0, 0, 0, 0, 0, bestError, bestEpoch, watchedBest, epochsSinceBest, schedule, counters,
                wallSeconds, configFingerprint);
    }

    public TrainState withSelection(double error, int epoch) {
        return new TrainState(this.epoch, batch, trainLossSum, trainErrors, trainSeen, trainSeconds, error, epoch, watchedBest,
                epochsSinceBest, scheduleState, optimizerCounters, wallSeconds, configFingerprint);
    }

    public TrainState withEarlyStopping(double best, int since) {
        return new TrainState(epoch, batch, trainLossSum, trainErrors, trainSeen, trainSeconds, bestError, bestEpoch, best,
                since, scheduleState, optimizerCounters, wallSeconds, configFingerprint);
    }

    public TrainState withOptimizerCounters(Map<String, Long> counters) {
        return new TrainState(epoch, batch, trainLossSum, trainErrors, trainSeen, trainSeconds, bestError, bestEpoch, watchedBest,
                epochsSinceBest, scheduleState, counters, wallSeconds, configFingerprint);
    }

    /** The same state under the config training now continues with (after {@code resume --epochs}). */
    public TrainState withConfigFingerprint(String config) {
        return new TrainState(epoch, batch, trainLossSum, trainErrors, trainSeen, trainSeconds, bestError, bestEpoch, watchedBest,
                epochsSinceBest, scheduleState, optimizerCounters, wallSeconds, config);
    }

    public TrainState withWall(double seconds) {
        return new TrainState(epoch, batch, trainLossSum, trainErrors, trainSeen, trainSeconds, bestError, bestEpoch, watchedBest,
                epochsSinceBest, scheduleState, optimizerCounters, seconds, configFingerprint);
    }

    /** The running sums of a partial epoch, to continue from. */
    public EpochTotals partialTotals() { return new EpochTotals(trainLossSum, trainErrors, trainSeen, trainSeconds); }
}
