package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU limit read from cgroup files laid out as the kernel lays them out. */
class CgroupCpuQuotaTest {
    @TempDir Path root;

    private void write(String file, String text) throws Exception {
        Files.createDirectories(root.resolve(file).getParent());
        Files.writeString(root.resolve(file), text);
    }

    @Test
    void v2TakesTheSmallestLimitUpTheTreeSoAJobLimitOnAParentCounts() throws Exception {
        write("cgroup.controllers", "cpu memory\n");
        write("system.slice/cpu.max", "max 100000\n");
        write("system.slice/job_42/cpu.max", "200000 100000\n");
        write("system.slice/job_42/step_batch/cpu.max", "max 100000\n");
        var limit = new CgroupCpuQuota(root, List.of("0::/system.slice/job_42/step_batch")).limit().orElseThrow();
        assertEquals(2.0, limit.cpus());
        assertEquals(root.resolve("system.slice/job_42/cpu.max"), limit.file());
    }

    @Test
    void v2WithoutALimitAnywhereIsNone() throws Exception {
        write("cgroup.controllers", "cpu\n");
        write("user.slice/cpu.max", "max 100000\n");
        assertEquals(Optional.empty(), new CgroupCpuQuota(root, List.of("0::/user.slice")).limit());
    }

    @Test
    void v1ReadsTheCfsQuotaOfTheCpuController() throws Exception {
        write("cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "150000\n");
        write("cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        write("cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
        write("cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        var lines = List.of("5:memory:/docker/abc", "3:cpu,cpuacct:/docker/abc", "0::/docker/abc");
        assertEquals(1.5, new CgroupCpuQuota(root, lines).limit().orElseThrow().cpus());
    }

    @Test
    void aContainerThatSeesItsOwnGroupAsTheRootReadsTheRoot() throws Exception {
        // /proc/self/cgroup names the host's path, which does not exist inside the container.
        write("cpu/cpu.cfs_quota_us", "100000\n");
        write("cpu/cpu.cfs_period_us", "100000\n");
        assertEquals(1.0, new CgroupCpuQuota(root, List.of("4:cpu:/kubepods/pod1/xyz")).limit().orElseThrow().cpus());
    }
}
