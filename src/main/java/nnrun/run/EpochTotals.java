package nnrun.run;

/** Running sums of a training epoch: summed loss (weighted by batch size), errors, samples seen and seconds. */
public record EpochTotals(double lossSum, long errors, long seen, double seconds) {
    public static final EpochTotals NONE = new EpochTotals(0, 0, 0, 0);

    public EpochTotals plus(double batchLoss, int size, long batchErrors, double batchSeconds) {
        return new EpochTotals(lossSum + batchLoss * size, errors + batchErrors, seen + size, seconds + batchSeconds);
    }

    public double meanLoss() { return lossSum / Math.max(seen, 1); }

    public double errorRate() { return (double) errors / Math.max(seen, 1); }
}
