package nnrun.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The innermost loop of {@link Sgemm}: one MR×NR tile of C from an MR-tall panel of packed A and
 * an NR-wide panel of packed B, with every accumulator in a vector register. Each shape is its
 * own class because C2 keeps FloatVector locals in registers but boxes them in an array; which
 * shape runs is chosen per CPU ({@link GemmBlocking}).
 */
interface MicroKernel {
    VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    int LANES = SPECIES.length();
    /**
     * Vector registers a register tile may fill: 32 where vectors are 512 bits (AVX-512's
     * EVEX encoding), 16 otherwise (AVX2). A CPU with AVX-512 that the JVM runs at 256 bits
     * (some Skylake-X) has 32 but is counted as 16: its tiles are then a little small, never
     * spilled.
     */
    int REGISTERS = LANES >= 16 ? 32 : 16;

    /** MR: rows of C per tile. */
    int rows();

    /** NR / LANES: vectors of C per tile row. */
    int vectors();

    default int cols() { return vectors() * LANES; }

    /** Vector registers the tile needs: the accumulators, one B vector per column vector and the broadcast. */
    default int registers() { return rows() * vectors() + vectors() + 1; }

    default String shape() { return rows() + "x" + cols(); }

    /**
     * C tile = alpha·(A panel · B panel) + beta·C tile over its first rows×cols, the depth kc;
     * with beta == 0, C's previous contents are ignored.
     */
    void multiply(int kc, float[] pa, int ai, float[] pb, int bi, int rows, int cols,
                  float alpha, float beta, float[] c, int ct, int ldc);

    /**
     * C tile = alpha·tile + beta·C over its first rows×cols (the tile's row pitch is nr). Whole
     * vectors where they fit, a scalar loop for the ragged right edge: JDK 17 runs masked vector
     * loads and stores through a slow fallback (measured 10x slower on narrow products). Both
     * compute alpha·t + beta·c with the same two roundings.
     */
    static void storeTile(float[] tile, int nr, int rows, int cols, float alpha, float beta,
                          float[] c, int ct, int ldc) {
        int whole = cols - cols % LANES;
        for (int r = 0; r < rows; r++) {
            int at = ct + r * ldc, t = r * nr;
            if (beta == 0f) {
                for (int j = 0; j < whole; j += LANES)
                    FloatVector.fromArray(SPECIES, tile, t + j).mul(alpha).intoArray(c, at + j);
                for (int j = whole; j < cols; j++) c[at + j] = alpha * tile[t + j];
            } else {
                for (int j = 0; j < whole; j += LANES)
                    FloatVector.fromArray(SPECIES, tile, t + j).mul(alpha)
                            .add(FloatVector.fromArray(SPECIES, c, at + j).mul(beta)).intoArray(c, at + j);
                for (int j = whole; j < cols; j++) c[at + j] = alpha * tile[t + j] + beta * c[at + j];
            }
        }
    }
}
