package nnrun.testing;

import nnrun.backend.Backends;
import nnrun.backend.opencl.OpenClBackend;
import nnrun.backend.opencl.OpenClDiscovery;
import nnrun.backend.opencl.OpenClInventory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class on the backend named by the system property {@code nnrun.test.backend}, so the
 * op, layer, loss and optimizer suites run once on the default backend and once on OpenCL (the
 * pom's same-suite-on-opencl execution). Registered through JUnit's extension auto-detection.
 * Without an OpenCL runtime every test method (and test factory) of that run is disabled with the
 * reason; per method, because Surefire reports a skipped class, or a factory skipped by an
 * assumption, as zero tests without the reason.
 */
public final class SuiteBackend implements BeforeAllCallback, ExecutionCondition {
    private static OpenClInventory inventory;
    private static OpenClBackend openCl;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!onOpenCl()) return;
        OpenClBackend backend = openCl();
        if (backend != null) Backends.use(backend);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!onOpenCl() || context.getTestMethod().isEmpty() || openCl() != null)
            return ConditionEvaluationResult.enabled("runs on the backend the suite asks for");
        return ConditionEvaluationResult.disabled("the suite on OpenCL is skipped: " + inventory.problem() + "; " + inventory.fix());
    }

    private static boolean onOpenCl() {
        String name = System.getProperty("nnrun.test.backend", "");
        if (name.isEmpty()) return false;
        if (!name.equals("opencl")) throw new IllegalArgumentException("nnrun.test.backend: unknown backend " + name + "; use opencl");
        return true;
    }

    /** The shared backend on the best device, or null without an OpenCL runtime. */
    private static synchronized OpenClBackend openCl() {
        if (inventory == null) inventory = OpenClDiscovery.installed().discover();
        if (openCl == null && !inventory.runtimeMissing()) openCl = new OpenClBackend(inventory.bestFirst().get(0));
        return openCl;
    }
}
