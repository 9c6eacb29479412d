package nnrun.backend.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether the OpenCL ICD loader library (libOpenCL.so.1) can be loaded, found the way the Linux
 * dynamic linker searches: LD_LIBRARY_PATH, the folders of /etc/ld.so.conf, then the default ones.
 *
 * <p>Looked for before JOCL is touched because JOCL's C code prints "Could not load libOpenCL.so.1"
 * to the terminal when the library is missing, and its class cannot be initialized a second time
 * after that failure. The library is loaded with {@link System#load}, which reports a broken one as
 * an exception instead. Only on Linux; elsewhere JOCL is asked directly.
 */
final class OpenClLoaderLibrary {
    static final String NAME = "libOpenCL.so.1";

    private static Optional<String> problem;

    private OpenClLoaderLibrary() {}

    /** Why the loader library cannot be loaded, or empty when it loaded (once per JVM). */
    static synchronized Optional<String> problem() {
        if (problem == null) problem = System.getProperty("os.name", "").startsWith("Linux") ? load() : Optional.empty();
        return problem;
    }

    private static Optional<String> load() {
        List<String> failures = new ArrayList<>();
        for (Path dir : searchPath()) {
            Path candidate = dir.resolve(NAME);
            if (!Files.isRegularFile(candidate)) continue;
            try {
                System.load(candidate.toString());
                return Optional.empty();
            } catch (UnsatisfiedLinkError e) {
                failures.add(e.getMessage());
            }
        }
        return Optional.of(failures.isEmpty() ? "not found" : String.join("; ", failures));
    }

    private static Set<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        String env = System.getenv("LD_LIBRARY_PATH");
        if (env != null) for (String d : env.split(":")) if (!d.isBlank()) dirs.add(Path.of(d));
        readConf(Path.of("/etc/ld.so.conf"), dirs, 0);
        for (String d : List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib")) dirs.add(Path.of(d));
        return dirs;
    }

    /** ld.so.conf: one folder per line, `include GLOB` lines, # comments. */
    private static void readConf(Path conf, Set<Path> dirs, int depth) {
        if (depth > 4 || !Files.isReadable(conf)) return;
        try {
            for (String raw : Files.readAllLines(conf)) {
                String line = raw.replaceFirst("#.*", "").trim();
                if (line.startsWith("include ")) {
                    String glob = line.substring("include ".length()).trim();
                    Path pattern = Path.of(glob);
                    Path parent = pattern.isAbsolute() ? pattern.getParent() : conf.getParent().resolve(pattern).getParent();
                    if (parent == null || !Files.isDirectory(parent)) continue;
                    var matcher = parent.getFileSystem().getPathMatcher("glob:" + pattern.getFileName());
                    try (Stream<Path> files = Files.list(parent)) {
                        for (Path f : files.sorted().filter(f -> matcher.matches(f.getFileName())).toList())
                            readConf(f, dirs, depth + 1);
                    }
                } else if (line.startsWith("/")) {
                    dirs.add(Path.of(line));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // A broken ld.so.conf only narrows the search; the default folders follow.
        }
    }
}
