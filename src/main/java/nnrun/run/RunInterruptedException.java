package nnrun.run;

/** Training was stopped on request (Ctrl-C) after a checkpoint was saved. Exit code 130. */
public class RunInterruptedException extends RuntimeException {
    public RunInterruptedException(String message) { super(message); }
}
