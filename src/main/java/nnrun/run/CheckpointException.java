package nnrun.run;

/** A checkpoint file that cannot be used; the message names the file and what is wrong with it. */
public class CheckpointException extends RuntimeException {
    public CheckpointException(String message) { super(message); }
    public CheckpointException(String message, Throwable cause) { super(message, cause); }
}
