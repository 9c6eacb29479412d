package nnrun.run;

/** Another live process is training into this run folder. Exit code 2: the command asked for a folder in use. */
public class RunLockedException extends RuntimeException {
    public RunLockedException(String message) { super(message); }
}
