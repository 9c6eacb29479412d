package nnrun.backend.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import nnrun.backend.Backend;
import nnrun.backend.SelfCheck;
import nnrun.backend.BackendContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on this machine's first OpenCL device (PoCL on the CPU in CI), skipped with
 * the reason where there is none.
 *
 * <p>Agreement: sums keep the same forward-error bound as on the CPU, (k + 2)·2⁻²³·scale, which
 * holds for a float sum in any order; elementwise results may differ within the OpenCL built-ins'
 * precision, |got − want| ≤ 1e-4 + 1e-4·|want| ({@link SelfCheck}'s tolerance, the one the device
 * must pass at start-up); double statistics within 1e-4 per term.
 */
class OpenClBackendContractTest extends BackendContract {
    private OpenClBackend cl;

    /** Per test, not @BeforeAll: a skipped @BeforeAll hides the tests and the reason from Maven's report. */
    @BeforeEach
    void openTheSharedDevice() {
        cl = PoclDevice.backend();
    }

    @Override
    protected Backend backend() { return cl; }

    @Override
    protected Agreement agreement() { return DEVICE; }

    private static final double EPS = Math.ulp(1f);

    private static final Agreement DEVICE = new Agreement() {
        @Override
        public void sum(String what, float want, float got, float scale, int k) {
            check(what, want, got, (k + 2) * EPS * scale + 1e-30);
        }

        @Override
        public void exact(String what, float want, float got) {
            check(what, want, got, SelfCheck.ABS + SelfCheck.REL * Math.abs(want));
        }

        @Override
        public void fused(String what, float want, float got) {
            exact(what, want, got);
        }

        @Override
        public void doubleSum(String what, double want, double got, int terms) {
            double tol = 1e-4 * (1 + terms);
            if (!(Math.abs(got - want) <= tol)) fail(what + ": expected " + want + " but got " + got + " (tolerance " + tol + ")");
        }

        private static void check(String what, float want, float got, double tol) {
            boolean same = want == got || Float.isNaN(want) && Float.isNaN(got); // equal infinities included
            if (!same && !(Math.abs(got - want) <= tol))
                fail(what + ": expected " + want + " but got " + got + " (tolerance " + tol + ")");
        }
    };

    @Test
    void everyBackendKernelIsImplementedForTheDevice() {
        // A Backend default method runs on the host's arrays, which hold stale values for buffers
        // that live on the device; so the OpenCL backend must declare every method itself.
        for (java.lang.reflect.Method m : Backend.class.getMethods())
            try {
                OpenClBackend.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new AssertionError("OpenClBackend inherits Backend." + m.getName() + " instead of implementing it");
            }
    }
}
