package nnrun.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
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
        String javaHome = System.getProperty("java.home");
        Process p = new ProcessBuilder(List.of(Path.of(javaHome, "bin", "java").toString(), "-XX:UseAVX=2",
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                NarrowVectorConvolutionTest.class.getName())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("8 lanes: convolutions agree"), output);
    }
}
