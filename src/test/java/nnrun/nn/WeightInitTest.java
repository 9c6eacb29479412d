package nnrun.nn;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;
import nnrun.nn.init.WeightInit;

/** Initialization schemes: their bounds and spreads for a layer's fans, determinism, and names. */
class WeightInitTest {
    private static double std(float[] v) {
        double s = 0, sq = 0;
        for (float x : v) { s += x; sq += (double) x * x; }
        double mean = s / v.length;
        return Math.sqrt(sq / v.length - mean * mean);
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    @Test
    void pytorchDefaultForLinearIsUniformWithinOneOverRootFanIn() {
        Linear layer = new Linear(400, 100, new Generator(1));
        float[] w = layer.weight().toArray(), b = layer.bias().toArray();
        assertEquals(0.05, maxAbs(w), 0.0005, "bound 1/√400, nearly reached by 40,000 draws");
        assertEquals(0.05 / Math.sqrt(3), std(w), 0.001, "uniform(±a) has std a/√3");
        assertTrue(maxAbs(b) <= 0.05 && maxAbs(b) > 0.04, "bias uniform(±1/√fan_in)");
    }

    @Test
    void convolutionFansCountTheKernelArea() {
        // fan_in = 4·3·3 = 36, so He normal has std √(2/36) = 0.2357.
        Conv2d conv = new Conv2d(4, 64, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, true,
                WeightInit.KAIMING_NORMAL, new Generator(2));
        assertEquals(Math.sqrt(2.0 / 36), std(conv.weight().toArray()), 0.01);
        assertEquals(0.0, maxAbs(conv.bias().toArray()), "named schemes start biases at zero");
    }

    @Test
    void namedSchemesHaveTheirSpreads() {
        int fanIn = 300, fanOut = 200;
        double[] expectedStd = {
                1 / Math.sqrt(fanIn) / Math.sqrt(3),            // pytorch_default
                Math.sqrt(6.0 / fanIn) / Math.sqrt(3),          // kaiming_uniform = √(2/fan_in)
                Math.sqrt(2.0 / fanIn),                         // kaiming_normal
                Math.sqrt(6.0 / (fanIn + fanOut)) / Math.sqrt(3),
                Math.sqrt(2.0 / (fanIn + fanOut))};
        WeightInit[] schemes = WeightInit.values();
        for (int i = 0; i < schemes.length; i++) {
            Tensor w = Tensor.zeros(fanOut, fanIn);
            schemes[i].fill(w, fanIn, fanOut, new Generator(3));
            assertEquals(expectedStd[i], std(w.toArray()), expectedStd[i] * 0.02, schemes[i].configName());
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        assertArrayEquals(new Linear(5, 4, new Generator(9)).weight().toArray(), new Linear(5, 4, new Generator(9)).weight().toArray());
        assertFalse(java.util.Arrays.equals(new Linear(5, 4, new Generator(9)).weight().toArray(),
                new Linear(5, 4, new Generator(10)).weight().toArray()));
    }

    @Test
    void namesAndAliases() {
        assertEquals(WeightInit.KAIMING_NORMAL, WeightInit.byName("he_normal"));
        assertEquals(WeightInit.XAVIER_UNIFORM, WeightInit.byName("glorot_uniform"));
        assertEquals(WeightInit.PYTORCH_DEFAULT, WeightInit.byName("default"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightInit.byName("lecun_normal"));
        assertTrue(e.getMessage().startsWith("unknown init 'lecun_normal'; known: pytorch_default, kaiming_uniform"), e.getMessage());
    }
}
