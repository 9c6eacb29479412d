package nnrun.cli;

import nnrun.backend.cpu.ThreadBudget;
import picocli.CommandLine.Option;

/** --threads, for the commands that compute on the java device. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the java device (default: $NNRUN_THREADS, "
            + "else Slurm's $SLURM_CPUS_PER_TASK, else the cgroup CPU quota, else all processors).")
    Integer threads;

    /** Sizes the CPU backend's thread pool from --threads and the environment, before any backend is made. */
    void use() {
        try {
            ThreadBudget.use(ThreadBudget.ofThisProcess(threads));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
