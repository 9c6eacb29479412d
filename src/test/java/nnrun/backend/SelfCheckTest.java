package nnrun.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The check every OpenCL device must pass before nnrun trains on it, and what `nnrun selfcheck` prints. */
class SelfCheckTest {

    /** The reference with its last scale element off by one: a kernel that ran somewhere it should not. */
    private static final Backend OFF_BY_ONE = new ReferenceBackend() {
        @Override
        public void scale(int n, float alpha, float[] x) {
            super.scale(n, alpha, x);
            x[n - 1] += 1f;
        }
    };

    @Test
    void theReferenceAgreesWithItselfOnEveryKernel() {
        List<SelfCheck.Result> results = SelfCheck.run(new ReferenceBackend(), new ReferenceBackend());
        assertEquals(95, results.size());
        for (SelfCheck.Result r : results) {
            assertTrue(r.passed(), r.kernel());
            assertEquals(0.0, r.maxError(), r.kernel());
        }
        SelfCheck.verify(new ReferenceBackend(), new ReferenceBackend());
    }

    @Test
    void aKernelThatDisagreesIsTheOneFailedLineAndVerifyNamesIt() {
        List<SelfCheck.Result> failed = SelfCheck.run(OFF_BY_ONE, new ReferenceBackend()).stream().filter(r -> !r.passed()).toList();
        assertEquals(1, failed.size(), failed.toString());
        SelfCheck.Result scale = failed.get(0);
        assertEquals("scale", scale.kernel());
        assertEquals(1.0, scale.maxError(), 1e-6);
        assertTrue(scale.toleranceUsed() > 1000, "an error of 1 against a tolerance of 1e-4 + 1e-4·|want|: " + scale.toleranceUsed());
        assertTrue(scale.problem().startsWith("scale: element 16 is"), scale.problem());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SelfCheck.verify(OFF_BY_ONE, new ReferenceBackend()));
        assertEquals(scale.problem(), e.getMessage());
    }

    @Test
    void aKernelThatThrowsEndsTheCheckWithAFailureNamingWhereItStopped() {
        Backend broken = new ReferenceBackend() {
            @Override
            public void sumAxis(float[] x, int outer, int len, int inner, float[] out) {
                throw new IllegalStateException("CL_OUT_OF_RESOURCES");
            }
        };
        List<SelfCheck.Result> results = SelfCheck.run(broken, new ReferenceBackend());
        SelfCheck.Result last = results.get(results.size() - 1);
        assertEquals("(exception)", last.kernel());
        assertEquals("the kernel after binaryStrided threw java.lang.IllegalStateException: CL_OUT_OF_RESOURCES", last.problem());
        assertTrue(results.subList(0, results.size() - 1).stream().allMatch(SelfCheck.Result::passed));
    }
}
