package nnrun.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reports training progress within an epoch: a live bar redrawn in place on a terminal
 * (samples/s, loss, ETA), or a plain line every {@code logEvery} batches when output goes to a
 * file or pipe (0: none; the epoch's summary line still follows).
 *
 * <p>The bar never reaches the terminal's last column (a line that wraps cannot be redrawn with a
 * carriage return and leaves a trail), and each redraw blanks what the previous one left. The ETA
 * counts only the batches this process trained (after a resume the epoch starts part-way) and is
 * measured from the end of the first of them, which carries the JIT's warm-up; it is shown once a
 * few batches and some time have gone by, since an estimate from one batch is off by minutes.
 */
public final class Progress {
    private static final double BAR_INTERVAL_S = 0.2;
    private static final int DEFAULT_COLUMNS = 80, MAX_BAR = 30, MIN_BAR = 6;
    private static final int ETA_MIN_BATCHES = 3;
    private static final double ETA_MIN_SECONDS = 1.0;
    private static final String NO_ETA = "-:--";

    private final PrintStream out;
    private final boolean terminal;
    private final int logEvery, columns;
    private final LongSupplier clock;
    private String prefix = "";
    private int totalBatches, firstBatch, drawnLength;
    private long startNanos, firstBatchDoneNanos, lastPrintNanos;
    private boolean drewBar;

    public Progress(PrintStream out, boolean terminal, int logEvery) {
        this(out, terminal, logEvery, terminalColumns(System.getenv()), System::nanoTime);
    }

    Progress(PrintStream out, boolean terminal, int logEvery, int columns, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.logEvery = logEvery;
        this.columns = columns;
        this.clock = clock;
    }

    /** A bar on an interactive terminal, plain lines otherwise. */
    public static Progress forStdout(int logEvery) { return new Progress(System.out, System.console() != null, logEvery); }

    /** The terminal's width from COLUMNS (the launcher exports it from the terminal), else 80. */
    static int terminalColumns(Map<String, String> env) {
        try {
            int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            return c > 0 ? c : DEFAULT_COLUMNS;
        } catch (NumberFormatException unset) {
            return DEFAULT_COLUMNS;
        }
    }

    public void startEpoch(int epoch, int epochs, int totalBatches) {
        this.prefix = String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs);
        this.totalBatches = totalBatches;
        this.startNanos = this.lastPrintNanos = clock.getAsLong();
        this.firstBatch = 0;
        this.drewBar = false;
        this.drawnLength = 0;
    }

    /**
     * After batch `done` (1-based, counted from the epoch's start even after a resume), with
     * `samples` trained by this process in this epoch and the running mean loss.
     */
    public void update(int done, long samples, double meanLoss) {
        long now = clock.getAsLong();
        if (firstBatch == 0) {
            firstBatch = done;
            firstBatchDoneNanos = now;
        }
        if (terminal ? (now - lastPrintNanos) / 1e9 < BAR_INTERVAL_S && done < totalBatches
                : logEvery == 0 || done % logEvery != 0) return;
        lastPrintNanos = now;
        double rate = samples / Math.max((now - startNanos) / 1e9, 1e-9);
        String eta = eta(done, now);
        if (terminal) {
            String line = barLine(done, rate, meanLoss, eta);
            out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
            drawnLength = line.length();
            drewBar = true;
        } else if (done < totalBatches) {
            out.printf(Locale.ROOT, "%s batch %d/%d  %.0f samples/s  loss %.4f  ETA %s%n", prefix, done, totalBatches,
                    rate, meanLoss, eta);
        }
        out.flush();
    }

    /** Time left at the pace of the batches after the first one this process trained; "-:--" until that pace is known. */
    private String eta(int done, long now) {
        int measured = done - firstBatch;
        double seconds = (now - firstBatchDoneNanos) / 1e9;
        if (measured < ETA_MIN_BATCHES || seconds < ETA_MIN_SECONDS) return NO_ETA;
        return clock(seconds / measured * (totalBatches - done));
    }

    /** The fullest bar line that fits in the terminal without touching its last column: samples/s go first, then the bar. */
    private String barLine(int done, double rate, double meanLoss, String eta) {
        int room = columns - 1;
        String counts = String.format(Locale.ROOT, "%d/%d", done, totalBatches);
        String speed = String.format(Locale.ROOT, "  %.0f samples/s", rate);
        String tail = String.format(Locale.ROOT, "  loss %.4f  ETA %s", meanLoss, eta);
        for (String middle : new String[] {speed, ""}) {
            int bar = Math.min(MAX_BAR, room - (prefix.length() + " [] ".length() + counts.length() + middle.length() + tail.length()));
            if (bar >= MIN_BAR) {
                int filled = (int) ((long) bar * done / Math.max(totalBatches, 1));
                return prefix + " [" + "=".repeat(filled) + " ".repeat(bar - filled) + "] " + counts + middle + tail;
            }
        }
        String line = prefix + " " + counts + tail;
        return line.length() <= room ? line : line.substring(0, Math.max(0, room));
    }

    /** Ends the bar's line before the epoch's summary line is printed. */
    public void endEpoch() {
        if (drewBar) out.println();
        drewBar = false;
        drawnLength = 0;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
