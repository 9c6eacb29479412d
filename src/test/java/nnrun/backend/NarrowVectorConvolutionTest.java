package nnrun.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jdk.incubator.vector.FloatVector;
import nnrun.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * The convolutions on an AVX2-only CPU, on whatever CPU runs the tests: in a child JVM with
 * {@code -XX:UseAVX=2} vectors have 8 lanes and 16 registers, so the direct forward kernel's
 * 5-row panels and the weight gradient's narrower tap panels run, on every edge shape of
 * {@link JavaBackendContractTest}, against the reference.
 */
class NarrowVectorConvolutionTest {

    /** The child: the Java backend's convolution contract at 8 lanes. */
    public static void main(String[] args) {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        if (lanes != 8) throw new IllegalStateException("expected 8 float lanes, got " + lanes);
        JavaBackendContractTest test = new JavaBackendContractTest();
        test.convolutionFastPathsMatchReferenceOnTheirEdges();
        test.convolutionSplitsBatchesUnevenlyOverThreeThreads();
        test.convolutionForwardAndBothBackwardPassesMatchTheReference();
        System.out.println("8 lanes: convolutions agree");
    }

    @Test
    void convolutionsAgreeOnAnAvx2OnlyCpu() throws Exception {
        ChildJvm.Result run = ChildJvm.run(NarrowVectorConvolutionTest.class,
                List.of("-XX:UseAVX=2", "--add-modules=jdk.incubator.vector"), Map.of(), 180);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("8 lanes: convolutions agree"), run.output());
    }
}
