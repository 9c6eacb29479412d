package nnrun.backend;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongBinaryOperator;
import java.util.stream.Collectors;

/**
 * Where a device backend's time went, as the device measured it (OpenCL profiling events): kernels
 * apart from copies between host and device, with the copies counted and their bytes summed.
 * Counters since the backend started; subtract two readings for an interval. {@code hostFallbacks}
 * counts the downloads that code outside the backend asked for, an op or a caller computing on the
 * host with values a kernel made; the results a backend returns itself (a loss) are not fallbacks.
 * {@code kernelNanos} splits the compute time by kernel (its class name), so a slow kernel shows.
 */
public record DeviceTime(long launches, long computeNanos, long transferNanos, long bytesToDevice,
                         long bytesFromDevice, long uploads, long downloads, long hostFallbacks,
                         Map<String, Long> kernelNanos) {

    public DeviceTime {
        kernelNanos = Collections.unmodifiableMap(new TreeMap<>(kernelNanos));
    }

    public DeviceTime minus(DeviceTime earlier) {
        return new DeviceTime(launches - earlier.launches, computeNanos - earlier.computeNanos,
                transferNanos - earlier.transferNanos, bytesToDevice - earlier.bytesToDevice,
                bytesFromDevice - earlier.bytesFromDevice, uploads - earlier.uploads, downloads - earlier.downloads,
                hostFallbacks - earlier.hostFallbacks, combined(kernelNanos, earlier.kernelNanos, (a, b) -> a - b));
    }

    /** The average over n equal intervals (counts and bytes rounded down). */
    public DeviceTime dividedBy(long n) {
        return new DeviceTime(launches / n, computeNanos / n, transferNanos / n, bytesToDevice / n, bytesFromDevice / n,
                uploads / n, downloads / n, hostFallbacks / n, combined(kernelNanos, Map.of(), (a, b) -> a / n));
    }

    /** "ConvBackwardWeightKernel 1.20 ms (41%), GemmKernel 0.80 ms (27%), ...": the {@code count} slowest kernels. */
    public String slowestKernels(int count) {
        long total = Math.max(1, kernelNanos.values().stream().mapToLong(Long::longValue).sum());
        return kernelNanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(count)
                .map(e -> String.format(Locale.ROOT, "%s %.2f ms (%d%%)", e.getKey(), e.getValue() / 1e6, Math.round(100.0 * e.getValue() / total)))
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Long> combined(Map<String, Long> a, Map<String, Long> b, LongBinaryOperator op) {
        Map<String, Long> out = new TreeMap<>();
        a.forEach((k, v) -> {
            long value = op.applyAsLong(v, b.getOrDefault(k, 0L));
            if (value != 0) out.put(k, value);
        });
        return out;
    }

    /** "412 launches, compute 1.234 s, transfer 0.012 s (35.200 MB in by 4 copies, 0.012 MB out by 2), 0 host fallbacks". */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d launches, compute %.3f s, transfer %.3f s (%.3f MB in by %d copies, %.3f MB out by %d), %d host fallback%s",
                launches, computeNanos / 1e9, transferNanos / 1e9, bytesToDevice / 1e6, uploads, bytesFromDevice / 1e6, downloads,
                hostFallbacks, hostFallbacks == 1 ? "" : "s");
    }
}
