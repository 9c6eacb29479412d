package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nnrun.testing.ChildJvm;
import org.junit.jupiter.api.Test;

/**
 * An AVX2-only CPU, on whatever CPU runs the tests: a child JVM with {@code -XX:UseAVX=2} gets
 * 8-lane vectors, so the 6x16, 8x16 and 8x24 tiles run there, and must give the same bits as the
 * shipped tile.
 */
class NarrowVectorGemmTest {

    /** The child: every micro-kernel test of {@link GemmMicroKernelsTest} at 8 lanes. */
    public static void main(String[] args) {
        if (MicroKernel.LANES != 8) throw new IllegalStateException("expected 8 float lanes, got " + MicroKernel.LANES);
        GemmMicroKernelsTest test = new GemmMicroKernelsTest();
        test.everyTileGivesTheSameBitsAsTheShippedOneAndMatchesDoublePrecisionSums();
        test.twoThreadsGiveTheSameBitsAsOne();
        System.out.println("8 lanes: " + GemmBlocking.shapes() + " agree");
    }

    @Test
    void everyTileAgreesOnAnAvx2OnlyCpu() throws Exception {
        ChildJvm.Result run = ChildJvm.run(NarrowVectorGemmTest.class,
                List.of("-XX:UseAVX=2", "--add-modules=jdk.incubator.vector"), Map.of(), 120);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("8 lanes: 8x16, 8x24, 6x16 agree"), run.output());
    }
}
