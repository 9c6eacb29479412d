package nnrun.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fused SGD kernel must match the rule's element loop bit for bit, or resume would drift. */
class SgdUpdateParityTest {

    @ParameterizedTest(name = "momentum {0}, dampening {1}, weight decay {2}, nesterov {3}, first step {4}")
    @CsvSource({
            "0.0, 0.0, 0.0, false, false",
            "0.0, 0.0, 0.0005, false, true",
            "0.9, 0.0, 0.0, false, true",
            "0.9, 0.0, 0.0005, false, false",
            "0.9, 0.1, 0.0005, false, false",
            "0.9, 0.0, 0.0005, true, false",
            "0.9, 0.0, 0.0005, true, true"})
    void javaBackendMatchesTheRule(float momentum, float dampening, float weightDecay, boolean nesterov, boolean first) {
        SgdRule rule = new SgdRule(0.05f, momentum, dampening, weightDecay, nesterov, first);
        for (int n : new int[] {1, 17, 100_003}) { // below and above the parallel threshold, ragged tails
            Random r = new Random(n);
            float[] w = new float[n], g = new float[n], b = new float[n];
            for (int i = 0; i < n; i++) { w[i] = (float) r.nextGaussian(); g[i] = (float) r.nextGaussian(); b[i] = (float) r.nextGaussian(); }
            float[] w2 = w.clone(), b2 = b.clone();
            rule.apply(w, g, rule.usesBuffer() ? b : null, 0, n);
            new JavaBackend().sgdUpdate(rule, w2, g, rule.usesBuffer() ? b2 : null, n);
            assertArrayEquals(w, w2, "weights, n=" + n);
            assertArrayEquals(b, b2, "momentum buffer, n=" + n);
        }
    }
}
