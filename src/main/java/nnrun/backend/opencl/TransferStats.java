package nnrun.backend.opencl;

/**
 * Where an OpenCL backend's device time went: copies between host and device apart from kernels.
 * Both are timed by the device itself (OpenCL profiling events), so a copy that waits for earlier
 * kernels in the queue does not count their time as transfer time.
 */
public final class TransferStats {
    private long launches, computeNanos, transferNanos, bytesToDevice, bytesFromDevice, uploads, downloads;

    /** A consistent copy of the counters at one moment. */
    public record Snapshot(long launches, long computeNanos, long transferNanos, long bytesToDevice,
                           long bytesFromDevice, long uploads, long downloads) {

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(launches - earlier.launches, computeNanos - earlier.computeNanos,
                    transferNanos - earlier.transferNanos, bytesToDevice - earlier.bytesToDevice,
                    bytesFromDevice - earlier.bytesFromDevice, uploads - earlier.uploads, downloads - earlier.downloads);
        }

        /** "412 launches, compute 1.234 s, transfer 0.012 s (35.2 MB in by 4 copies, 12.0 MB out by 2)". */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%d launches, compute %.3f s, transfer %.3f s (%.3f MB in by %d copies, %.3f MB out by %d)",
                    launches, computeNanos / 1e9, transferNanos / 1e9, bytesToDevice / 1e6, uploads, bytesFromDevice / 1e6, downloads);
        }
    }

    synchronized void uploaded(long bytes, long nanos) {
        uploads++;
        bytesToDevice += bytes;
        transferNanos += nanos;
    }

    synchronized void downloaded(long bytes, long nanos) {
        downloads++;
        bytesFromDevice += bytes;
        transferNanos += nanos;
    }

    /** Kernel times arrive when their events complete, so callers settle the device first. */
    synchronized void addCompute(long nanos) { computeNanos += nanos; }

    synchronized void countLaunch() { launches++; }

    public synchronized Snapshot snapshot() {
        return new Snapshot(launches, computeNanos, transferNanos, bytesToDevice, bytesFromDevice, uploads, downloads);
    }
}
