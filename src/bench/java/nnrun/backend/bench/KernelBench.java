package nnrun.backend.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import nnrun.backend.Backend;
import nnrun.backend.ConvGeometry;
import nnrun.backend.JavaBackend;
import nnrun.backend.ReferenceBackend;

/**
 * GFLOP/s of the Java backend's SGEMM and convolutions at the shapes nnrun trains with, and of
 * the reference backend at one small size for scale. Each figure is the fastest of the calls
 * repeated for at least {@code --seconds} after a warm-up. Rows are keyed the same
 * way as scripts/torch_kernels.py prints them so scripts/bench_kernels.sh can pair them.
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp target/classes nnrun.backend.bench.KernelBench
 *     [--seconds 0.4] [--tsv out.tsv] [--only "cifar conv2"]</pre>
 */
public final class KernelBench {

    /** One measured kernel: a key shared with the PyTorch script, its flop count and a call. */
    private record Case(String key, double flops, Runnable call) {}

    private record Result(String backend, String key, double gflops) {}

    private final Random random = new Random(1);
    private final double seconds;
    private final String only;

    private KernelBench(double seconds, String only) {
        this.seconds = seconds;
        this.only = only;
    }

    public static void main(String[] args) throws IOException {
        double seconds = 0.4;
        Path tsv = null;
        String only = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--tsv" -> tsv = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> {
                    System.err.println("usage: KernelBench [--seconds S] [--tsv FILE] [--only SUBSTRING]  (unknown argument " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        KernelBench bench = new KernelBench(seconds, only);
        Peak peak = Peak.ofThisMachine();
        Backend java = new JavaBackend();
        System.out.println("backend: " + java.description());
        System.out.println(peak.describe());
        System.out.printf(Locale.ROOT, "%-10s %-34s %9s %8s%n", "backend", "kernel", "GFLOP/s", "of peak");
        List<Case> cases = new ArrayList<>(bench.gemmCases(java, new int[] {128, 512, 1024, 2048}));
        cases.addAll(bench.mlpCases(java));
        cases.addAll(bench.convCases(java, 128));
        // Every kernel once before any timing, so no figure includes C2 compiling shared code.
        for (Case c : cases) if (c.key().contains(only)) c.call().run();
        List<Result> results = new ArrayList<>();
        for (Case c : cases) results.add(bench.measure("java", c, peak));
        Backend reference = new ReferenceBackend();
        for (Case c : bench.gemmCases(reference, new int[] {128})) results.add(bench.measure("reference", c, peak));
        if (tsv != null) writeTsv(tsv, results);
    }

    /** C = A·B, square. */
    private List<Case> gemmCases(Backend backend, int[] sizes) {
        List<Case> cases = new ArrayList<>();
        for (int s : sizes) cases.add(gemmCase(backend, "gemm " + s + "x" + s + "x" + s + " NN", false, false, s, s, s));
        return cases;
    }

    /**
     * The three products of each large Linear layer at batch 128, with the weight stored
     * out×in as PyTorch does: forward X·Wᵀ, input gradient dY·W, weight gradient dYᵀ·X.
     */
    private List<Case> mlpCases(Backend backend) {
        int[][] layers = {{784, 512}, {512, 256}, {3072, 1024}, {1024, 512}};
        int batch = 128;
        List<Case> cases = new ArrayList<>();
        for (int[] l : layers) {
            int in = l[0], out = l[1];
            String layer = "linear " + in + "->" + out;
            cases.add(gemmCase(backend, layer + " fwd", false, true, batch, out, in));
            cases.add(gemmCase(backend, layer + " bwd-input", false, false, batch, in, out));
            cases.add(gemmCase(backend, layer + " bwd-weight", true, false, out, in, batch));
        }
        return cases;
    }

    private Case gemmCase(Backend backend, String key, boolean tA, boolean tB, int m, int n, int k) {
        float[] a = randoms(m * k), b = randoms(k * n), c = new float[m * n];
        int lda = tA ? m : k, ldb = tB ? k : n;
        return new Case(key, 2.0 * m * n * k,
                () -> backend.gemm(tA, tB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n));
    }

    /** The reference ConvNets' 3×3, pad-1 layers: forward, input gradient, weight+bias gradient. */
    private List<Case> convCases(Backend backend, int batch) {
        Object[][] layers = {
                {"mnist conv1 1->32 28x28", 1, 32, 28}, {"mnist conv2 32->64 14x14", 32, 64, 14},
                {"cifar conv1 3->32 32x32", 3, 32, 32}, {"cifar conv2 32->32 32x32", 32, 32, 32},
                {"cifar conv3 32->64 16x16", 32, 64, 16}, {"cifar conv4 64->64 16x16", 64, 64, 16}};
        List<Case> cases = new ArrayList<>();
        for (Object[] l : layers) {
            int c = (int) l[1], oc = (int) l[2], hw = (int) l[3];
            ConvGeometry g = new ConvGeometry(batch, c, hw, hw, oc, 3, 3, 1, 1, 1, 1, 1, 1);
            float[] x = randoms(g.inputSize()), w = randoms(g.weightSize()), bias = randoms(oc);
            float[] y = new float[g.outputSize()], dx = new float[g.inputSize()];
            float[] dw = new float[g.weightSize()], db = new float[oc];
            double flops = 2.0 * g.macs();
            String name = (String) l[0];
            cases.add(new Case(name + " fwd", flops, () -> backend.conv2dForward(g, x, w, bias, y)));
            cases.add(new Case(name + " bwd-input", flops, () -> backend.conv2dBackwardInput(g, y, w, dx)));
            cases.add(new Case(name + " bwd-weight", flops, () -> backend.conv2dBackwardWeight(g, x, y, dw, db)));
        }
        return cases;
    }

    private Result measure(String backendName, Case c, Peak peak) {
        if (!c.key().contains(only)) return null;
        long warmUntil = System.nanoTime() + (long) (seconds * 0.5e9);
        do c.call().run(); while (System.nanoTime() < warmUntil);
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (times.size() < 3 || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            c.call().run();
            times.add(System.nanoTime() - t0);
        }
        // The fastest call: other processes on a shared machine only ever slow a call down.
        double gflops = c.flops() / times.stream().mapToLong(Long::longValue).min().orElseThrow();
        System.out.printf(Locale.ROOT, "%-10s %-34s %9.1f %7.0f%%%n", backendName, c.key(), gflops,
                100 * gflops / peak.gflops());
        return new Result(backendName, c.key(), gflops);
    }

    private static void writeTsv(Path path, List<Result> results) throws IOException {
        Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), "kernelbench", ".tsv");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tmp))) {
            for (Result r : results) if (r != null) out.printf(Locale.ROOT, "%s\t%s\t%.2f%n", r.backend(), r.key(), r.gflops());
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private float[] randoms(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = random.nextFloat() - 0.5f;
        return x;
    }

    /**
     * Peak FP32 rate = cores × SIMD float lanes × 2 FMA ports × 2 flops per FMA × clock, with the
     * clock read from /proc/cpuinfo ("cpu MHz", the highest any core reports) and the lane count
     * from the JVM's preferred vector species. Two FMA ports is an assumption (true of recent
     * x86 server cores); a core that boosts above the reported clock can exceed 100%.
     */
    record Peak(int cores, int lanes, double mhz) {
        static Peak ofThisMachine() {
            double mhz = 0;
            try {
                mhz = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(line -> line.startsWith("cpu MHz"))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()))
                        .max().orElse(0);
            } catch (IOException | RuntimeException e) {
                System.err.println("could not read the clock from /proc/cpuinfo (" + e.getMessage() + "); peak unknown");
            }
            return new Peak(Runtime.getRuntime().availableProcessors(), FloatVector.SPECIES_PREFERRED.length(), mhz);
        }

        double gflops() { return cores * lanes * 2.0 * 2.0 * mhz / 1000; }

        String describe() {
            return String.format(Locale.ROOT, "peak FP32 = %d cores x %d lanes x 2 FMA ports x 2 flops x %.0f MHz = %.0f GFLOP/s"
                    + " (clock from /proc/cpuinfo; 2 FMA ports assumed)", cores, lanes, mhz, gflops());
        }
    }
}
