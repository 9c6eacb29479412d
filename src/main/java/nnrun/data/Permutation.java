package nnrun.data;

/** Seeded orderings of sample indices, the same on every machine. */
public final class Permutation {

    private Permutation() {
    }

    /** 0..n-1 shuffled by Fisher-Yates (from the last index down) driven by {@code random}. */
    public static int[] shuffled(int n, SplitMix64 random) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
