package nnrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import nnrun.backend.opencl.OpenClUnavailableException;
import nnrun.config.ConfigException;
import nnrun.data.DataException;
import nnrun.run.CheckpointException;
import nnrun.run.RunFolderException;
import nnrun.run.RunInterruptedException;
import nnrun.run.RunLockedException;
import nnrun.run.TrainingDivergedException;
import picocli.CommandLine;

/**
 * Maps every failure to one clear line on stderr and nnrun's exit codes; stack traces only with
 * NNRUN_DEBUG=1, since the message already says what is wrong, where, and how to fix it.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err))
            err.println("see: nnrun " + e.getCommandLine().getCommandName().replace("nnrun", "").trim() + " --help");
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        int code = exitCode(cause);
        err.println(cause instanceof RunInterruptedException ? cause.getMessage() : "error: " + message(cause));
        if (System.getenv("NNRUN_DEBUG") != null) cause.printStackTrace(err);
        err.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof ConfigException || e instanceof UsageException || e instanceof RunLockedException
                || e instanceof RunFolderException) return ExitCode.USAGE;
        if (e instanceof DataException || e instanceof CheckpointException) return ExitCode.DATA;
        if (e instanceof RunInterruptedException r) return r.exitCode();
        return ExitCode.RUNTIME;
    }

    static String message(Throwable e) {
        if (e instanceof FileSystemException f) return fileFailure(f);
        if (e instanceof IOException io) {
            if (diskFull(io.getMessage())) return "the disk is full (" + io.getMessage() + "); " + FREE_SPACE;
            return "I/O failure: " + io.getMessage();
        }
        if (e instanceof OutOfMemoryError)
            return "out of memory (Java heap): the model, batch or dataset does not fit; lower train.batch_size, or give the JVM "
                    + "more heap with NNRUN_JAVA_OPTS=-Xmx16g (the run folder's summary says \"failed\"; its last checkpoint is kept)";
        if (e instanceof ConfigException || e instanceof DataException || e instanceof CheckpointException
                || e instanceof TrainingDivergedException || e instanceof UsageException || e instanceof RunLockedException
                || e instanceof IllegalArgumentException || e instanceof OpenClUnavailableException || e instanceof RunFolderException
                || e instanceof IllegalStateException)
            return e.getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (rerun with NNRUN_DEBUG=1 for the stack trace)";
    }

    private static final String FREE_SPACE = "free some space or choose another folder with --runs-dir";

    /**
     * Names the real cause of a failed file operation. Java reports a missing folder or a file in
     * the way with no reason text and a read-only disk like any other error, so the cause is read
     * from the exception type, its reason, and the file system as it is now.
     */
    private static String fileFailure(FileSystemException f) {
        String file = f.getFile();
        String reason = f.getReason() == null ? "" : f.getReason();
        Path path = file == null ? null : Path.of(file);
        if (reason.contains("Read-only file system"))
            return "cannot write " + file + ": the file system is read-only (choose a folder on a writable disk with --runs-dir)";
        if (diskFull(reason)) return "cannot write " + file + ": the disk is full (" + reason + "); " + FREE_SPACE;
        if (f instanceof AccessDeniedException) {
            if (path != null && Files.exists(path) && !Files.isReadable(path))
                return "cannot read " + file + ": permission denied (ask its owner to make it readable, e.g. chmod a+r)";
            return "cannot write " + file + ": permission denied (choose a writable folder with --runs-dir)";
        }
        Path inTheWay = path == null ? null : fileInTheWay(path);
        if (inTheWay != null)
            return "cannot write " + file + ": " + inTheWay + " is a file, not a folder (move it or choose another path)";
        if (f instanceof NoSuchFileException && path != null) {
            Path folder = path.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder))
                return "no such file: " + file + " (the folder " + folder + " does not exist; create it or choose another path)";
            return "no such file: " + file;
        }
        if (f instanceof FileAlreadyExistsException) return "cannot create " + file + ": it already exists (move it or choose another path)";
        return "cannot use " + file + ": " + (reason.isEmpty() ? f.getClass().getSimpleName() : reason);
    }

    /** The path itself or the nearest existing ancestor, when that is a file where a folder is needed. */
    private static Path fileInTheWay(Path path) {
        Path absolute = path.toAbsolutePath();
        for (Path p = absolute; p != null; p = p.getParent()) {
            if (Files.exists(p)) return Files.isDirectory(p) || p.equals(absolute) ? null : p;
        }
        return null;
    }

    private static boolean diskFull(String reason) {
        return reason != null && (reason.contains("No space left on device") || reason.contains("Disk quota exceeded"));
    }
}
