package nnrun.autodiff;

import java.util.SplittableRandom;

/**
 * Seeded random numbers that are the same on every machine and JVM: SplitMix64 (the specified
 * algorithm of {@link SplittableRandom}) for bits, Box-Muller with StrictMath for normals.
 */
public final class Generator {
    private final SplittableRandom bits;
    private double spareNormal = Double.NaN;

    public Generator(long seed) { this.bits = new SplittableRandom(seed); }

    /** Uniform in [0, 1) with 24 random bits, exactly representable as a float. */
    public float nextFloat() { return (bits.nextLong() >>> 40) * 0x1.0p-24f; }

    public double nextDouble() { return (bits.nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) { return bits.nextInt(bound); }

    public long nextLong() { return bits.nextLong(); }

    /** Standard normal, by Box-Muller (two per pair of uniforms). */
    public double nextGaussian() {
        if (!Double.isNaN(spareNormal)) {
            double s = spareNormal;
            spareNormal = Double.NaN;
            return s;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        spareNormal = r * StrictMath.sin(2 * Math.PI * u2);
        return r * StrictMath.cos(2 * Math.PI * u2);
    }

    /** A new independent generator derived from this one (for per-layer or per-epoch streams). */
    public Generator split() { return new Generator(bits.nextLong()); }
}
