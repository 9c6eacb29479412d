package nnrun.backend.cpu;

import java.util.Map;
import java.util.Optional;

/**
 * How many threads the CPU backend runs on, and which setting said so. The first that is set
 * wins: the --threads flag, NNRUN_THREADS, Slurm's SLURM_CPUS_PER_TASK, the cgroup CPU quota
 * (rounded up, as the JVM does), then the processors the JVM sees. One per process, like
 * {@link nnrun.backend.Backends}: commands set it from their flags before a backend is made.
 */
public record ThreadBudget(int threads, String source) {
    public static final String ENV = "NNRUN_THREADS";
    public static final String SLURM_ENV = "SLURM_CPUS_PER_TASK";

    private static volatile ThreadBudget current;

    public ThreadBudget {
        if (threads < 1) throw new IllegalArgumentException("a thread budget needs at least 1 thread, got " + threads);
    }

    /**
     * @param flag       --threads, or null when not given
     * @param env        the environment (NNRUN_THREADS, SLURM_CPUS_PER_TASK)
     * @param quota      the cgroup CPU limit, if any
     * @param processors Runtime.availableProcessors()
     * @throws IllegalArgumentException when the flag or a variable is not a whole number >= 1
     */
    public static ThreadBudget resolve(Integer flag, Map<String, String> env, Optional<CgroupCpuQuota.Limit> quota, int processors) {
        if (flag != null) {
            if (flag < 1) throw new IllegalArgumentException("--threads " + flag + ": give a whole number of threads >= 1");
            return new ThreadBudget(flag, "--threads " + flag);
        }
        for (String name : new String[] {ENV, SLURM_ENV}) {
            String value = env.get(name);
            if (value == null || value.isBlank()) continue;
            return new ThreadBudget(positive(name, value.trim()), name + "=" + value.trim());
        }
        if (quota.isPresent() && Math.ceil(quota.get().cpus()) < processors) {
            int cpus = (int) Math.ceil(quota.get().cpus());
            return new ThreadBudget(cpus, String.format(java.util.Locale.ROOT, "cgroup CPU quota %.2f in %s", quota.get().cpus(), quota.get().file()));
        }
        return new ThreadBudget(processors, "available processors");
    }

    /** The budget from this process's flag (null: none), environment, cgroup and processors. */
    public static ThreadBudget ofThisProcess(Integer flag) {
        return resolve(flag, System.getenv(), CgroupCpuQuota.ofThisProcess(), Runtime.getRuntime().availableProcessors());
    }

    /** The budget set with {@link #use}, else the one this process's environment gives. */
    public static ThreadBudget current() {
        ThreadBudget b = current;
        if (b == null) current = b = ofThisProcess(null);
        return b;
    }

    /** Makes {@code budget} the one CPU backends made from now on run on. */
    public static void use(ThreadBudget budget) { current = java.util.Objects.requireNonNull(budget); }

    /** "2 threads (SLURM_CPUS_PER_TASK=2)", for the run log and `nnrun devices`. */
    public String describe() {
        return threads + (threads == 1 ? " thread" : " threads") + " (" + source + ")";
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) return n;
        } catch (NumberFormatException notANumber) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(name + "=" + value + ": expected a whole number of threads >= 1"
                + (name.equals(ENV) ? " (unset it to use Slurm's allocation or all cores)" : ""));
    }
}
