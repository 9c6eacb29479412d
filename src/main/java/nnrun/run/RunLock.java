package nnrun.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * run.lock in a run folder while a process trains into it: "PID@host". A second writer
 * (another {@code nnrun resume}, a requeued job whose first copy still runs) refuses to start.
 * A lock left by a process that no longer exists on this host is stale: it is taken over, and
 * {@code compare} shows such a "running" run as stale.
 */
public final class RunLock implements AutoCloseable {
    private final Path file;

    private RunLock(Path file) { this.file = file; }

    /** The holder of a lock: process id and host. */
    public record Holder(long pid, String host) {
        /** Whether this holder is a process that is gone: only knowable on its own host. */
        public boolean isDead() {
            return host.equals(localHost()) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }

        @Override public String toString() { return "process " + pid + " on " + host; }
    }

    /** Takes the lock of {@code run}, replacing a stale one; refuses (RunLockedException) if a live process holds it. */
    public static RunLock acquire(RunDirectory run) throws IOException {
        Path file = run.lock();
        String me = ProcessHandle.current().pid() + "@" + localHost();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, me + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new RunLock(file);
            } catch (FileAlreadyExistsException held) {
                Optional<Holder> holder = holder(run);
                if (holder.isPresent() && !holder.get().isDead())
                    throw new RunLockedException(run.path() + " is in use by " + holder.get() + " (" + file + "); wait for it "
                            + "to finish or stop it, or delete the lock file if that process is really gone");
                Files.deleteIfExists(file); // stale: its process died without cleaning up (kill -9, node failure)
            }
        }
        throw new RunLockedException("could not lock " + run.path() + ": another process keeps taking " + file);
    }

    /** Who holds the lock of {@code run}, if anyone (a malformed lock counts as held by nobody). */
    public static Optional<Holder> holder(RunDirectory run) {
        try {
            String text = Files.readString(run.lock(), StandardCharsets.UTF_8).trim();
            int at = text.indexOf('@');
            return Optional.of(new Holder(Long.parseLong(text.substring(0, at)), text.substring(at + 1)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override public void close() throws IOException { Files.deleteIfExists(file); }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
