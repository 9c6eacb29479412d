package nnrun.run;

/** A run's wall time across resumes: the seconds of earlier sessions plus this one's so far. */
final class RunClock {
    private final double before;
    private final long startNanos = System.nanoTime();

    RunClock(double secondsBefore) { this.before = secondsBefore; }

    double seconds() { return before + (System.nanoTime() - startNanos) / 1e9; }
}
