package nnrun.backend.opencl;

/** One OpenCL device as the runtime reports it; the backend opens it by platform and device name. */
public record OpenClDeviceInfo(String platform, String platformVersion, String name, Kind kind,
                               int computeUnits, long globalMemBytes, long localMemBytes,
                               int maxWorkGroupSize) {

    /** Device classes in the order nnrun prefers them for training. */
    public enum Kind { GPU, ACCELERATOR, CPU, OTHER }

    /** "pthread-skylake (CPU, 2 compute units, 4.5 GiB global, 1.0 MiB local, work-groups up to 4096) on Portable Computing Language". */
    public String summary() {
        return name + " (" + kind + ", " + computeUnits + " compute units, " + humanBytes(globalMemBytes) + " global, "
                + humanBytes(localMemBytes) + " local, work-groups up to " + maxWorkGroupSize + ") on " + platform;
    }

    /** Sizes the way `nnrun devices` prints them: "4.5 GiB", "1.0 MiB". */
    public static String humanBytes(long n) {
        if (n >= 1L << 30) return String.format(java.util.Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        if (n >= 1L << 20) return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
}
