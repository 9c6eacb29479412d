package nnrun.cli;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one place third-party logging goes. Aparapi, JOCL and other libraries log through
 * java.util.logging, whose default handler prints two lines per record on stderr; stderr is for
 * nnrun's own messages, so their records are dropped unless {@code --verbose} or
 * {@code NNRUN_DEBUG=1} asks for them, and then printed one line each, marked as a library's.
 */
final class LibraryLogging {
    private LibraryLogging() {}

    static void route(boolean verbose) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        root.setLevel(verbose ? Level.INFO : Level.OFF);
        if (verbose) root.addHandler(new StderrHandler());
    }

    /** Writes to System.err as it is when the record arrives (in-process tests swap it). */
    private static final class StderrHandler extends Handler {
        private static final Formatter ONE_LINE = new Formatter() {
            @Override public String format(LogRecord r) {
                String text = formatMessage(r) + (r.getThrown() != null ? " (" + r.getThrown() + ")" : "");
                return "[" + r.getLoggerName() + "] " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": " + text;
            }
        };

        StderrHandler() {
            super.setLevel(Level.ALL);
        }

        /** Aparapi's Config sets every root handler to its own level when it loads; the root logger's level decides here. */
        @Override public synchronized void setLevel(Level ignored) {}

        @Override public void publish(LogRecord r) {
            if (r != null) System.err.println(ONE_LINE.format(r));
        }

        @Override public void flush() { System.err.flush(); }

        @Override public void close() {}
    }
}
