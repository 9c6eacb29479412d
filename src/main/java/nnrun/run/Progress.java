package nnrun.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Reports training progress within an epoch: a live bar redrawn in place on a terminal
 * (samples/s, loss, ETA), or a plain line every {@code logEvery} batches when output goes to a
 * file or pipe (0: none; the epoch's summary line still follows).
 */
public final class Progress {
    private static final double BAR_INTERVAL_S = 0.2;

    private final PrintStream out;
    private final boolean terminal;
    private final int logEvery;
    private String prefix = "";
    private int totalBatches;
    private long startNanos, lastPrintNanos;
    private boolean drewBar;

    public Progress(PrintStream out, boolean terminal, int logEvery) {
        this.out = out;
        this.terminal = terminal;
        this.logEvery = logEvery;
    }

    /** A bar on an interactive terminal, plain lines otherwise. */
    public static Progress forStdout(int logEvery) { return new Progress(System.out, System.console() != null, logEvery); }

    public void startEpoch(int epoch, int epochs, int totalBatches) {
        this.prefix = String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs);
        this.totalBatches = totalBatches;
        this.startNanos = this.lastPrintNanos = System.nanoTime();
        this.drewBar = false;
    }

    /** After batch `done` (1-based) of the epoch, with `samples` seen so far and the running mean loss. */
    public void update(int done, long samples, double meanLoss) {
        long now = System.nanoTime();
        if (terminal ? (now - lastPrintNanos) / 1e9 < BAR_INTERVAL_S && done < totalBatches
                : logEvery == 0 || done % logEvery != 0) return;
        lastPrintNanos = now;
        double elapsed = (now - startNanos) / 1e9;
        double rate = samples / Math.max(elapsed, 1e-9);
        double eta = done == 0 ? 0 : elapsed * (totalBatches - done) / done;
        if (terminal) {
            int width = 30, filled = (int) ((long) width * done / Math.max(totalBatches, 1));
            out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d  %.0f samples/s  loss %.4f  ETA %s   ", prefix,
                    "=".repeat(filled), " ".repeat(width - filled), done, totalBatches, rate, meanLoss, clock(eta));
            drewBar = true;
        } else if (done < totalBatches) {
            out.printf(Locale.ROOT, "%s batch %d/%d  %.0f samples/s  loss %.4f  ETA %s%n", prefix, done, totalBatches,
                    rate, meanLoss, clock(eta));
        }
        out.flush();
    }

    /** Ends the bar's line before the epoch's summary line is printed. */
    public void endEpoch() {
        if (drewBar) out.println();
        drewBar = false;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
