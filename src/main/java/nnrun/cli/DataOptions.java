package nnrun.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Option;

/** Where datasets come from, for the commands that may read one. */
final class DataOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where to look for datasets (before $NNRUN_DATA and ./data).")
    Path dataDir;

    @Option(names = "--offline", description = "Never download datasets; fail with where to put them instead.")
    boolean offline;

    /** A runner that creates run folders under {@code runsDir} (only train creates any). */
    ExperimentRunner runner(Path runsDir, PrintStream out) {
        return new ExperimentRunner(new ExperimentRunner.Settings(runsDir, dataDir, System.getenv(), !offline, out));
    }

    ExperimentRunner runner(PrintStream out) {
        return runner(Path.of("runs"), out);
    }
}
