package nnrun.backend;

/**
 * The dropout mask as a pure function of (seed, index): element i keeps its value, scaled by
 * 1/keep, when a 24-bit uniform hashed from the seed and i is below keep, and is zeroed otherwise.
 * Being counter-based, a device computes its mask where the activations are, in any order, and a
 * resumed run that reseeds per batch draws the masks an uninterrupted run drew. The hash is
 * MurmurHash3's 32-bit finalizer applied twice, keyed by each half of the seed.
 */
public final class DropoutMask {
    private DropoutMask() {}

    /** The uniform in [0, 1) for element i: (h >>> 8)·2⁻²⁴, exactly a float. */
    public static float uniform(int seedLo, int seedHi, int i) {
        int h = mix(i ^ seedLo);
        h = mix(h ^ seedHi);
        return (h >>> 8) * 0x1.0p-24f;
    }

    /** mask[i] = 1/keep or 0 for i in [0, n). */
    public static void fill(long seed, float keep, float[] mask, int n) {
        int lo = (int) seed, hi = (int) (seed >>> 32);
        float scale = 1f / keep;
        for (int i = 0; i < n; i++) mask[i] = uniform(lo, hi, i) < keep ? scale : 0f;
    }

    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
