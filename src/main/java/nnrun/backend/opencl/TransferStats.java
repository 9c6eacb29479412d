package nnrun.backend.opencl;

/**
 * Where an OpenCL backend's time went: copies between host and device apart from kernel compute.
 * Host-to-device copies happen inside Aparapi's execute, so they are timed from OpenCL profiling
 * events; device-to-host copies are timed around {@code get}. Aparapi 3.0.2 reports the uploads of
 * arrays a kernel only reads in no event, so their bytes count here but their time is in compute.
 */
public final class TransferStats {
    private long launches, computeNanos, transferNanos, bytesToDevice, bytesFromDevice, puts, gets;

    /** A consistent copy of the counters at one moment. */
    public record Snapshot(long launches, long computeNanos, long transferNanos, long bytesToDevice,
                           long bytesFromDevice, long puts, long gets, boolean uploadsTimed) {

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(launches - earlier.launches, computeNanos - earlier.computeNanos,
                    transferNanos - earlier.transferNanos, bytesToDevice - earlier.bytesToDevice,
                    bytesFromDevice - earlier.bytesFromDevice, puts - earlier.puts, gets - earlier.gets, uploadsTimed);
        }

        /** "412 launches, compute 1.234 s, transfer 0.012 s (35.2 MB in, 12.0 MB out)". */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%d launches, compute %.3f s, transfer %.3f s (%.1f MB in, %.1f MB out)%s",
                    launches, computeNanos / 1e9, transferNanos / 1e9, bytesToDevice / 1e6, bytesFromDevice / 1e6,
                    uploadsTimed ? "" : "; uploads counted in compute (Aparapi profiling was off)");
        }
    }

    synchronized void launched(long computeNanos, long uploadNanos) {
        launches++;
        this.computeNanos += computeNanos;
        this.transferNanos += uploadNanos;
    }

    synchronized void put(long bytes) {
        puts++;
        bytesToDevice += bytes;
    }

    synchronized void got(long bytes, long nanos) {
        gets++;
        bytesFromDevice += bytes;
        transferNanos += nanos;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(launches, computeNanos, transferNanos, bytesToDevice, bytesFromDevice, puts, gets,
                AparapiSettings.profilingEnabled());
    }
}
