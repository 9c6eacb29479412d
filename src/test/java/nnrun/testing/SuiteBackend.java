package nnrun.testing;

import nnrun.backend.Backends;
import nnrun.backend.opencl.OpenClBackend;
import nnrun.backend.opencl.OpenClDiscovery;
import nnrun.backend.opencl.OpenClInventory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class on the backend named by the system property {@code nnrun.test.backend}, so the
 * op, layer, loss and optimizer suites run once on the default backend and once on OpenCL (the
 * Makefile's test target does both). Registered through JUnit's extension auto-detection.
 */
public final class SuiteBackend implements BeforeAllCallback {
    private static OpenClBackend openCl;

    @Override
    public void beforeAll(ExtensionContext context) {
        String name = System.getProperty("nnrun.test.backend", "");
        if (name.isEmpty()) return;
        if (!name.equals("opencl")) throw new IllegalArgumentException("nnrun.test.backend: unknown backend " + name + "; use opencl");
        Backends.use(openCl());
    }

    private static synchronized OpenClBackend openCl() {
        if (openCl == null) {
            OpenClInventory inventory = OpenClDiscovery.aparapi().discover();
            Assumptions.assumeFalse(inventory.runtimeMissing(), () -> "the suite on OpenCL is skipped: " + inventory.problem()
                    + "; " + OpenClInventory.INSTALL_HINT);
            openCl = new OpenClBackend(inventory.bestFirst().get(0));
        }
        return openCl;
    }
}
