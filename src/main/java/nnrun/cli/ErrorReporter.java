package nnrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import nnrun.backend.opencl.OpenClUnavailableException;
import nnrun.config.ConfigException;
import nnrun.data.DataException;
import nnrun.run.CheckpointException;
import nnrun.run.RunFolderException;
import nnrun.run.RunInterruptedException;
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
        err.println(code == ExitCode.INTERRUPTED ? cause.getMessage() : "error: " + message(cause));
        if (System.getenv("NNRUN_DEBUG") != null) cause.printStackTrace(err);
        err.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof ConfigException || e instanceof UsageException || e instanceof RunFolderException) return ExitCode.USAGE;
        if (e instanceof DataException || e instanceof CheckpointException) return ExitCode.DATA;
        if (e instanceof RunInterruptedException) return ExitCode.INTERRUPTED;
        return ExitCode.RUNTIME;
    }

    static String message(Throwable e) {
        if (e instanceof AccessDeniedException a)
            return "cannot write " + a.getFile() + ": permission denied (choose a writable folder with --runs-dir)";
        if (e instanceof NoSuchFileException f) return "no such file: " + f.getFile();
        if (e instanceof FileSystemException f)
            return "cannot write " + f.getFile() + ": " + f.getReason() + " (free some space or choose another folder with --runs-dir)";
        if (e instanceof IOException io) return "I/O failure: " + io.getMessage();
        if (e instanceof ConfigException || e instanceof DataException || e instanceof CheckpointException
                || e instanceof TrainingDivergedException || e instanceof UsageException || e instanceof IllegalArgumentException
                || e instanceof OpenClUnavailableException || e instanceof RunFolderException
                || e instanceof IllegalStateException)
            return e.getMessage();
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (rerun with NNRUN_DEBUG=1 for the stack trace)";
    }
}
