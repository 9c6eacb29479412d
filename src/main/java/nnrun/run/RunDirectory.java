package nnrun.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One run's folder, {@code runs/<UTC timestamp>_<name>/}, and the names of what goes in it.
 * Two runs started in the same second get distinct folders ({@code _2}, {@code _3}, ...) because
 * the folder is claimed with an atomic create, not checked and then made.
 */
public record RunDirectory(Path path) {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public static RunDirectory create(Path runsRoot, String name, Instant start) throws IOException {
        Files.createDirectories(runsRoot);
        String base = STAMP.format(start) + "_" + safe(name);
        for (int attempt = 1; ; attempt++) {
            Path dir = runsRoot.resolve(attempt == 1 ? base : base + "_" + attempt);
            try {
                Files.createDirectory(dir);
                RunDirectory run = new RunDirectory(dir);
                Files.createDirectories(run.checkpoints());
                return run;
            } catch (FileAlreadyExistsException taken) {
                // Another run claimed this name in the same second; try the next suffix.
            }
        }
    }

    /**
     * A run folder at a path the user chose ({@code --run-dir}): created if missing, and a new run
     * may only start in it when it holds no run yet.
     */
    public static RunDirectory at(Path dir) throws IOException {
        Files.createDirectories(dir);
        RunDirectory run = new RunDirectory(dir);
        Files.createDirectories(run.checkpoints());
        return run;
    }

    /** Whether a run has saved a checkpoint here, so a restart continues it. */
    public boolean hasCheckpoint() { return Files.isRegularFile(lastCheckpoint()); }

    /**
     * An existing run folder (for resume and eval), checked to look like one.
     *
     * @throws RunFolderException when it does not exist or holds no config.yaml
     */
    public static RunDirectory open(Path dir) {
        RunFolders.requireFolder(dir);
        RunDirectory run = new RunDirectory(dir);
        if (!Files.isRegularFile(run.config()))
            throw new RunFolderException(dir + " has no config.yaml, so it is not an nnrun run folder; pass one such as "
                    + RunFolders.EXAMPLE);
        return run;
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "run" : s;
    }

    public Path config() { return path.resolve("config.yaml"); }
    public Path metrics() { return path.resolve("metrics.csv"); }
    public Path summary() { return path.resolve("summary.json"); }
    public Path graph() { return path.resolve("graph.dot"); }
    public Path log() { return path.resolve("train.log"); }
    public Path lock() { return path.resolve("run.lock"); }
    public Path checkpoints() { return path.resolve("checkpoints"); }
    public Path lastCheckpoint() { return checkpoints().resolve("last.ckpt"); }
    public Path bestCheckpoint() { return checkpoints().resolve("best.ckpt"); }
    public Path epochCheckpoint(int epoch) { return checkpoints().resolve(String.format("epoch-%04d.ckpt", epoch)); }

    /** Deletes the temporary files of writes a crash interrupted ({@link AtomicFiles}); they never replaced anything. */
    public void removeStaleTempFiles() throws IOException {
        for (Path dir : java.util.List.of(path, checkpoints())) {
            if (!Files.isDirectory(dir)) continue;
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().matches("\\..+\\.tmp")).toList()) Files.deleteIfExists(f);
            }
        }
    }

    @Override public String toString() { return path.toString(); }
}
