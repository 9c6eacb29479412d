package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * dbias[o] = Σ_n Σ_t dy[n][o][t] for the direct weight-gradient kernels, which (unlike the
 * GEMM path's row of ones) have no spare slot for it. Each thread keeps its sums lane-wise in a
 * partial of OC vectors; the pixels past a row's last whole vector go scalar into lane 0.
 */
final class BiasGradient {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private BiasGradient() {}

    static int partialLength(int outChannels) {
        return outChannels * L;
    }

    /**
     * Adds image n of dy to the partial. Four independent sums per row: with one, each add
     * waited for the previous one (the loop ran at the add latency, 4x slower).
     */
    static void accumulate(float[] dy, int n, int outChannels, int pixels, float[] partial) {
        int whole = pixels - pixels % L, quad = pixels - pixels % (4 * L);
        for (int o = 0; o < outChannels; o++) {
            int row = (n * outChannels + o) * pixels;
            FloatVector s0 = FloatVector.fromArray(S, partial, o * L), s1 = FloatVector.zero(S), s2 = s1, s3 = s1;
            int t = 0;
            for (; t < quad; t += 4 * L) {
                s0 = s0.add(FloatVector.fromArray(S, dy, row + t));
                s1 = s1.add(FloatVector.fromArray(S, dy, row + t + L));
                s2 = s2.add(FloatVector.fromArray(S, dy, row + t + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, dy, row + t + 3 * L));
            }
            for (; t < whole; t += L) s0 = s0.add(FloatVector.fromArray(S, dy, row + t));
            s0.add(s1).add(s2.add(s3)).intoArray(partial, o * L);
            for (t = whole; t < pixels; t++) partial[o * L] += dy[row + t];
        }
    }

    /** dbias[o] = the sum over the first parts threads' partials and their lanes. */
    static void reduce(float[][] partials, int parts, int outChannels, float[] dbias) {
        for (int o = 0; o < outChannels; o++) {
            FloatVector s = FloatVector.fromArray(S, partials[0], o * L);
            for (int t = 1; t < parts; t++) s = s.add(FloatVector.fromArray(S, partials[t], o * L));
            dbias[o] = s.reduceLanes(VectorOperators.ADD);
        }
    }
}
