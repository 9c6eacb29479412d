package nnrun.run;

import java.util.Locale;
import java.util.Optional;

import nnrun.backend.Backends;

/** One train.log line per epoch (losses, errors, lr, speed), the device's time so far, and why training ended early. */
final class EpochLogger implements TrainingListener {
    private final RunLog log;

    EpochLogger(RunLog log) { this.log = log; }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", epoch.epoch(), epoch.epochs()));
        for (MetricRow r : epoch.rows())
            sb.append(String.format(Locale.ROOT, "  %s loss %.4f error %.2f%%", r.split(), r.loss(), 100 * r.error()));
        MetricRow train = epoch.rows().get(0);
        sb.append(String.format(Locale.ROOT, "  lr %.4g  %.1fs  %.0f samples/s", train.lr(), train.seconds(), train.samplesPerSecond()));
        log.line(sb.toString());
        Backends.current().deviceTime().ifPresent(t -> log.line("device so far: " + t.summary()));
        return state;
    }

    @Override public void onEnd(TrainState state, Optional<String> stopReason) { stopReason.ifPresent(log::line); }
}
