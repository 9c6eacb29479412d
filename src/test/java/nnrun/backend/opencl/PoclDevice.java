package nnrun.backend.opencl;

import org.junit.jupiter.api.Assumptions;

/** The first OpenCL device of this machine for tests, compiled once per test JVM; skips when there is none. */
final class PoclDevice {
    private static OpenClInventory inventory;
    private static OpenClBackend backend;

    private PoclDevice() {}

    static synchronized OpenClDeviceInfo device() {
        if (inventory == null) inventory = OpenClDiscovery.installed().discover();
        Assumptions.assumeFalse(inventory.runtimeMissing(), () -> "OpenCL tests skipped: " + inventory.problem()
                + "; " + inventory.fix());
        return inventory.bestFirst().get(0);
    }

    /** A fresh context on that device, for tests of the parts below the backend. */
    static OpenClContext context() {
        return new OpenClContext(device());
    }

    /** Shared because PoCL compiles every kernel on first use, a few seconds per backend. */
    static synchronized OpenClBackend backend() {
        OpenClDeviceInfo device = device();
        if (backend == null) backend = new OpenClBackend(device);
        return backend;
    }
}
