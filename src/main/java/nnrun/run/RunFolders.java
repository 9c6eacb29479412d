package nnrun.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The run folders a command line names: run folders themselves, or folders of runs (a sweep, runs/). */
final class RunFolders {
    static final String EXAMPLE = "runs/20261122-101500_mnist_fcnn";

    private RunFolders() {}

    /**
     * A path holding {@code file} is a run; otherwise its sub-folders holding it are (sorted by name).
     *
     * @throws RunFolderException for a path that does not exist, is not a folder, or holds no such run
     */
    static List<Path> holding(String file, List<Path> paths) {
        List<Path> runs = new ArrayList<>();
        for (Path p : paths) {
            requireFolder(p);
            if (Files.isRegularFile(p.resolve(file))) {
                runs.add(p);
                continue;
            }
            List<Path> inside;
            try (Stream<Path> children = Files.list(p)) {
                inside = children.filter(c -> Files.isRegularFile(c.resolve(file))).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (inside.isEmpty())
                throw new RunFolderException("no runs found in " + p + " (a run folder holds " + file
                        + (file.equals("config.yaml") ? "" : " once its first epoch has finished") + ")");
            runs.addAll(inside);
        }
        return runs;
    }

    static void requireFolder(Path p) {
        if (!Files.exists(p))
            throw new RunFolderException(p + " does not exist; pass a run folder such as " + EXAMPLE + " or a folder of runs");
        if (!Files.isDirectory(p))
            throw new RunFolderException(p + " is not a directory; pass a run folder such as " + EXAMPLE + " or a folder of runs");
    }
}
