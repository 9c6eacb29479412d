package nnrun.backend;

/**
 * Where a device backend's time went, as the device measured it (OpenCL profiling events): kernels
 * apart from copies between host and device, with the copies counted and their bytes summed.
 * Counters since the backend started; subtract two readings for an interval. {@code hostFallbacks}
 * counts the downloads that code outside the backend asked for, an op or a caller computing on the
 * host with values a kernel made; the results a backend returns itself (a loss) are not fallbacks.
 */
public record DeviceTime(long launches, long computeNanos, long transferNanos, long bytesToDevice,
                         long bytesFromDevice, long uploads, long downloads, long hostFallbacks) {

    public DeviceTime minus(DeviceTime earlier) {
        return new DeviceTime(launches - earlier.launches, computeNanos - earlier.computeNanos,
                transferNanos - earlier.transferNanos, bytesToDevice - earlier.bytesToDevice,
                bytesFromDevice - earlier.bytesFromDevice, uploads - earlier.uploads, downloads - earlier.downloads,
                hostFallbacks - earlier.hostFallbacks);
    }

    /** The average over n equal intervals (counts and bytes rounded down). */
    public DeviceTime dividedBy(long n) {
        return new DeviceTime(launches / n, computeNanos / n, transferNanos / n, bytesToDevice / n, bytesFromDevice / n,
                uploads / n, downloads / n, hostFallbacks / n);
    }

    /** "412 launches, compute 1.234 s, transfer 0.012 s (35.200 MB in by 4 copies, 0.012 MB out by 2), 0 host fallbacks". */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d launches, compute %.3f s, transfer %.3f s (%.3f MB in by %d copies, %.3f MB out by %d), %d host fallback%s",
                launches, computeNanos / 1e9, transferNanos / 1e9, bytesToDevice / 1e6, uploads, bytesFromDevice / 1e6, downloads,
                hostFallbacks, hostFallbacks == 1 ? "" : "s");
    }
}
