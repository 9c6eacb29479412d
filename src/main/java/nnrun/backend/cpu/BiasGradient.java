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

    /** Adds image n of dy to the partial. */
    static void accumulate(float[] dy, int n, int outChannels, int pixels, float[] partial) {
        int whole = pixels - pixels % L;
        for (int o = 0; o < outChannels; o++) {
            int row = (n * outChannels + o) * pixels;
            FloatVector sum = FloatVector.fromArray(S, partial, o * L);
            for (int t = 0; t < whole; t += L) sum = sum.add(FloatVector.fromArray(S, dy, row + t));
            sum.intoArray(partial, o * L);
            for (int t = whole; t < pixels; t++) partial[o * L] += dy[row + t];
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
