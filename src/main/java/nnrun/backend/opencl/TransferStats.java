package nnrun.backend.opencl;

import nnrun.backend.DeviceTime;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where an OpenCL backend's device time went: copies between host and device apart from kernels.
 * Both are timed by the device itself (OpenCL profiling events), so a copy that waits for earlier
 * kernels in the queue does not count their time as transfer time.
 */
final class TransferStats {
    private long launches, computeNanos, transferNanos, bytesToDevice, bytesFromDevice, uploads, downloads, hostFallbacks;
    private final Map<String, Long> kernelNanos = new TreeMap<>();

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

    synchronized void fellBackToHost() { hostFallbacks++; }

    /** Kernel times arrive when their events complete, so callers settle the device first. */
    synchronized void addCompute(String kernel, long nanos) {
        computeNanos += nanos;
        kernelNanos.merge(kernel, nanos, Long::sum);
    }

    synchronized void countLaunch() { launches++; }

    public synchronized DeviceTime snapshot() {
        return new DeviceTime(launches, computeNanos, transferNanos, bytesToDevice, bytesFromDevice, uploads, downloads, hostFallbacks, kernelNanos);
    }
}
