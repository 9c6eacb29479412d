package nnrun.backend.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Sgemm} cuts a product for one CPU: the micro-kernel's MR×NR tile, the depth KC of
 * a packed block (a panel of packed B two vectors wide, KC·2·LANES floats, fills the L1 data
 * cache), the rows MC of packed A per tile (an MC×KC block takes 3/16 of L2, which leaves room
 * there for B's panels and C) and the columns NC of B packed at once. On the AMD EPYC nnrun was
 * first tuned on (48 KiB L1d, 1 MiB L2) this gives the hand-tuned 8x32, KC 384, MC 128 (KC 384
 * had measured a few percent better than 256 or 512 there, on serial 1024³ and the 64→64 conv layer).
 *
 * <p>KC does not depend on the micro-kernel, on purpose: every kernel sums each element of C
 * in the same order within a block, so with one KC every choice gives the same bits, and a
 * run's numbers do not depend on which tile a start-up trial picked.
 */
final class GemmBlocking {
    /** Columns of B packed at once: KC×NC floats (6 MiB at KC 384), shared by all threads in L3. */
    static final int NC = 4096;

    /** Every micro-kernel, the shipped 8×2-vector one first. */
    private static final List<MicroKernel> KERNELS = List.of(new MicroKernel8x2(), new MicroKernel8x3(), new MicroKernel6x2());

    final MicroKernel kernel;
    final int kc, mc, nc;

    GemmBlocking(MicroKernel kernel, int kc, int mc, int nc) {
        if (kc <= 0 || mc <= 0 || mc % kernel.rows() != 0 || nc <= 0 || nc % kernel.cols() != 0)
            throw new IllegalArgumentException("blocking kc=" + kc + ", mc=" + mc + ", nc=" + nc
                    + " does not suit the " + kernel.shape() + " micro-kernel (mc a multiple of " + kernel.rows()
                    + ", nc of " + kernel.cols() + ")");
        this.kernel = kernel;
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
    }

    int mr() { return kernel.rows(); }

    int nr() { return kernel.cols(); }

    /** The block sizes for a micro-kernel from the cache sizes. */
    static GemmBlocking derive(MicroKernel kernel, CpuCaches caches) {
        int kc = clamp(roundDown(caches.l1dBytes() / (4L * 2 * MicroKernel.LANES), 8), 128, 512);
        int mc = clamp(roundDown(caches.l2Bytes() * 3 / 16 / (4L * kc), kernel.rows()), kernel.rows(), 1024);
        int nc = roundDown(NC, kernel.cols());
        return new GemmBlocking(kernel, kc, mc, nc);
    }

    /** The shipped 8×2-vector kernel first (the one a trial must beat), then the others that fit the registers. */
    static List<MicroKernel> candidates() {
        List<MicroKernel> fit = new ArrayList<>();
        fit.add(KERNELS.get(0));
        for (MicroKernel k : KERNELS.subList(1, KERNELS.size())) if (k.registers() <= MicroKernel.REGISTERS) fit.add(k);
        return fit;
    }

    /** Every micro-kernel this build has, whether or not it suits this CPU's registers. */
    static List<MicroKernel> all() { return KERNELS; }

    /** The micro-kernel with tile shape "MRxNR" (floats, as {@link #spec} writes it), or null. */
    static MicroKernel kernel(String shape) {
        for (MicroKernel k : KERNELS) if (k.shape().equals(shape)) return k;
        return null;
    }

    /** Names of the tile shapes this CPU's vector width offers, for error messages. */
    static String shapes() {
        return String.join(", ", KERNELS.stream().map(MicroKernel::shape).toList());
    }

    /** "8x32,kc=384,mc=128": what NNRUN_GEMM takes and the tuning cache stores. */
    String spec() { return kernel.shape() + ",kc=" + kc + ",mc=" + mc; }

    private static int roundDown(long x, int multiple) { return (int) Math.max(multiple, x / multiple * multiple); }

    private static int clamp(int x, int low, int high) { return Math.max(low, Math.min(high, x)); }
}
