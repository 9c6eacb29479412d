package nnrun.cli;

/** A flag or argument that does not make sense; exits with {@link ExitCode#USAGE}. */
final class UsageException extends RuntimeException {
    UsageException(String message) { super(message); }
}
