package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which setting decides the CPU backend's thread count, and what bad values say. */
class ThreadBudgetTest {
    private static final Optional<CgroupCpuQuota.Limit> TWO_CPU_QUOTA =
            Optional.of(new CgroupCpuQuota.Limit(1.5, Path.of("/sys/fs/cgroup/job/cpu.max")));

    @Test
    void theFlagBeatsEveryVariable() {
        var b = ThreadBudget.resolve(3, Map.of("NNRUN_THREADS", "5", "SLURM_CPUS_PER_TASK", "7"), TWO_CPU_QUOTA, 16);
        assertEquals(new ThreadBudget(3, "--threads 3"), b);
    }

    @Test
    void nnrunThreadsBeatsSlurmAndSlurmBeatsTheCgroup() {
        assertEquals(5, ThreadBudget.resolve(null, Map.of("NNRUN_THREADS", "5", "SLURM_CPUS_PER_TASK", "7"), TWO_CPU_QUOTA, 16).threads());
        var slurm = ThreadBudget.resolve(null, Map.of("SLURM_CPUS_PER_TASK", "7"), TWO_CPU_QUOTA, 16);
        assertEquals("7 threads (SLURM_CPUS_PER_TASK=7)", slurm.describe());
    }

    @Test
    void aFractionalQuotaRoundsUpAndNamesItsFile() {
        var b = ThreadBudget.resolve(null, Map.of(), TWO_CPU_QUOTA, 16);
        assertEquals(2, b.threads());
        assertTrue(b.source().contains("/sys/fs/cgroup/job/cpu.max"), b.source());
    }

    @Test
    void aQuotaAboveTheProcessorsLeavesTheProcessors() {
        assertEquals(new ThreadBudget(1, "available processors"), ThreadBudget.resolve(null, Map.of(), TWO_CPU_QUOTA, 1));
        assertEquals(new ThreadBudget(4, "available processors"), ThreadBudget.resolve(null, Map.of(), Optional.empty(), 4));
    }

    @Test
    void badValuesNameTheVariableAndWhatIsExpected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ThreadBudget.resolve(null, Map.of("NNRUN_THREADS", "four"), Optional.empty(), 4));
        assertEquals("NNRUN_THREADS=four: expected a whole number of threads >= 1 (unset it to use Slurm's allocation or all cores)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThreadBudget.resolve(null, Map.of("SLURM_CPUS_PER_TASK", "0"), Optional.empty(), 4));
        var flag = assertThrows(IllegalArgumentException.class, () -> ThreadBudget.resolve(0, Map.of(), Optional.empty(), 4));
        assertTrue(flag.getMessage().startsWith("--threads 0"), flag.getMessage());
    }
}
