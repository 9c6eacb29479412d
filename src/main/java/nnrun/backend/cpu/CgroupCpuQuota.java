package nnrun.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The CPU time this process may use per unit of wall time, from its control group: cgroup v2
 * {@code cpu.max} ("200000 100000" is 2 CPUs, "max 100000" is no limit) or v1
 * {@code cpu.cfs_quota_us} / {@code cpu.cfs_period_us} (-1 is no limit). The smallest limit on
 * the way from the process's own group up to the root counts: a container or a Slurm job often
 * sets it on a parent, which the JVM's own container detection (Java 17) does not look at.
 */
public final class CgroupCpuQuota {
    /** A limit and the file that sets it. */
    public record Limit(double cpus, Path file) {}

    private final Path cgroupRoot;
    private final List<String> procSelfCgroup;

    /**
     * @param cgroupRoot     where the cgroup file systems are mounted (/sys/fs/cgroup)
     * @param procSelfCgroup the lines of /proc/self/cgroup
     */
    public CgroupCpuQuota(Path cgroupRoot, List<String> procSelfCgroup) {
        this.cgroupRoot = cgroupRoot;
        this.procSelfCgroup = procSelfCgroup;
    }

    /** This process's limit; empty when there is none or no cgroup file system to read it from. */
    public static Optional<Limit> ofThisProcess() {
        try {
            return new CgroupCpuQuota(Path.of("/sys/fs/cgroup"), Files.readAllLines(Path.of("/proc/self/cgroup"))).limit();
        } catch (IOException | RuntimeException notLinuxOrUnreadable) {
            return Optional.empty();
        }
    }

    public Optional<Limit> limit() throws IOException {
        for (String line : procSelfCgroup) {
            String[] f = line.split(":", 3); // hierarchy-id:controllers:path
            if (f.length < 3) continue;
            if (f[0].equals("0") && f[1].isEmpty() && Files.isRegularFile(cgroupRoot.resolve("cgroup.controllers")))
                return smallest(cgroupRoot, f[2], "cpu.max", null);
            if (List.of(f[1].split(",")).contains("cpu")) {
                Path mount = cgroupRoot.resolve(f[1]);
                if (!Files.isDirectory(mount)) mount = cgroupRoot.resolve("cpu");
                return smallest(mount, f[2], "cpu.cfs_quota_us", "cpu.cfs_period_us");
            }
        }
        return Optional.empty();
    }

    /**
     * The smallest limit from the group at {@code path} up to the mount's root. A path that does not
     * exist under the mount (a container sees its own group as the root) starts at the root.
     */
    private static Optional<Limit> smallest(Path mount, String path, String quotaFile, String periodFile) throws IOException {
        Path dir = mount.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!dir.startsWith(mount) || !Files.isDirectory(dir)) dir = mount;
        Limit best = null;
        for (; dir != null && dir.startsWith(mount); dir = dir.getParent()) {
            Optional<Double> cpus = periodFile == null ? v2(dir.resolve(quotaFile)) : v1(dir.resolve(quotaFile), dir.resolve(periodFile));
            if (cpus.isPresent() && (best == null || cpus.get() < best.cpus())) best = new Limit(cpus.get(), dir.resolve(quotaFile));
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Double> v2(Path cpuMax) throws IOException {
        if (!Files.isRegularFile(cpuMax)) return Optional.empty();
        String[] f = Files.readString(cpuMax).trim().split("\\s+");
        if (f.length != 2 || f[0].equals("max")) return Optional.empty();
        return ratio(f[0], f[1], cpuMax);
    }

    private static Optional<Double> v1(Path quota, Path period) throws IOException {
        if (!Files.isRegularFile(quota) || !Files.isRegularFile(period)) return Optional.empty();
        String q = Files.readString(quota).trim();
        if (q.equals("-1")) return Optional.empty();
        return ratio(q, Files.readString(period).trim(), quota);
    }

    private static Optional<Double> ratio(String quota, String period, Path file) {
        try {
            double q = Double.parseDouble(quota), p = Double.parseDouble(period);
            return q > 0 && p > 0 ? Optional.of(q / p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an unexpected format is no limit we can honour, not a reason to fail the run
        }
    }
}
