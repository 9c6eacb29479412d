package nnrun.ops;

import nnrun.autodiff.MemoryScope;

/**
 * A scatter-add turned around into a gather: for each of n targets, the positions k with idx[k] equal
 * to it, in increasing k, are sources[starts[p]] .. sources[starts[p + 1] − 1]. A selection's VJP adds
 * each gradient back at the position it was picked from; through this map every position sums its own
 * picks ({@link nnrun.backend.Backend#gatherSum}), so repeated indices never race.
 */
record InverseIndex(int[] starts, int[] sources) {

    /** idx holds positions in [0, n) (checked by the op that made them). */
    static InverseIndex of(int[] idx, int n) {
        int[] starts = MemoryScope.emptyIndices(n + 1), sources = MemoryScope.emptyIndices(idx.length);
        java.util.Arrays.fill(starts, 0);
        for (int p : idx) starts[p + 1]++;
        for (int p = 0; p < n; p++) starts[p + 1] += starts[p];
        for (int k = 0; k < idx.length; k++) sources[starts[idx[k]]++] = k; // moves each start to its end...
        System.arraycopy(starts, 0, starts, 1, n); // ...which is the next target's start
        starts[0] = 0;
        return new InverseIndex(starts, sources);
    }
}
