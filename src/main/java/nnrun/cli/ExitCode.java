package nnrun.cli;

/** nnrun's exit codes, documented in the README: scripts branch on them. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int USAGE = 2;       // bad flag, bad config
    public static final int DATA = 3;        // missing or malformed dataset, unreadable checkpoint
    public static final int RUNTIME = 4;     // divergence, device failure, disk full
    /** Stopped by a signal: 128 + its number, as shells report it (130 SIGINT, 143 SIGTERM, 129 SIGHUP, 138 SIGUSR1). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {}
}
