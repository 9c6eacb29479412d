package nnrun.run;

/**
 * Training was stopped by a signal (Ctrl-C's SIGINT, or SIGTERM, SIGHUP, SIGUSR1 from a scheduler),
 * after a checkpoint was saved when training had begun. The exit code is the shell's for that
 * signal, 128 + its number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP, 138 for SIGUSR1.
 */
public class RunInterruptedException extends RuntimeException {
    private final String signal;

    public RunInterruptedException(String signal, String message) {
        super(message);
        this.signal = signal;
    }

    /** "SIGINT", "SIGTERM", ... */
    public String signal() { return signal; }

    public int exitCode() {
        return 128 + switch (signal) {
            case "SIGHUP" -> 1;
            case "SIGUSR1" -> 10;
            case "SIGTERM" -> 15;
            default -> 2;
        };
    }
}
