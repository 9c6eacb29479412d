package nnrun.run;

/** A path named as a run folder (or a folder of runs) is not one; a usage error, since the user named it. */
public final class RunFolderException extends RuntimeException {
    public RunFolderException(String message) { super(message); }
}
