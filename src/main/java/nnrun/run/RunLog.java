package nnrun.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** A run's log: each line goes to the console and, time-stamped, to the run folder's train.log. */
public final class RunLog implements AutoCloseable {
    private final PrintStream console;
    private final Writer file;

    public RunLog(PrintStream console, Path logFile) throws IOException {
        this.console = console;
        this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public void line(String text) {
        console.println(text);
        try {
            file.write(Instant.now() + " " + text + System.lineSeparator());
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() throws IOException { file.close(); }
}
