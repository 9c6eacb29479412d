package nnrun.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nnrun.backend.cpu.ThreadBudget;
import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Option;

/** Flags shared by the commands that load a config and its data. */
final class RunOptions {
    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
            description = "Override a config key (repeatable), e.g. --set optimizer.lr=0.1 --set model.1.linear.out=256")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--device", paramLabel = "auto|java|opencl", description = "Compute device; same as --set device=...")
    String device;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where to look for datasets (before $NNRUN_DATA and ./data).")
    Path dataDir;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs", description = "Where run folders are created (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--offline", description = "Never download datasets; fail with where to put them instead.")
    boolean offline;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the java device (default: $NNRUN_THREADS, "
            + "else Slurm's $SLURM_CPUS_PER_TASK, else the cgroup CPU quota, else all processors).")
    Integer threads;

    List<String> allOverrides() {
        List<String> all = new ArrayList<>(overrides);
        if (device != null) all.add("device=" + device);
        return all;
    }

    /** Sizes the CPU backend's thread pool from --threads and the environment, before any backend is made. */
    void useThreadBudget() {
        try {
            ThreadBudget.use(ThreadBudget.ofThisProcess(threads));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The runner for this command's flags; also sizes the thread pool ({@link #useThreadBudget}). */
    ExperimentRunner runner(PrintStream out) {
        useThreadBudget();
        return new ExperimentRunner(new ExperimentRunner.Settings(runsDir, dataDir, System.getenv(), !offline, out));
    }
}
