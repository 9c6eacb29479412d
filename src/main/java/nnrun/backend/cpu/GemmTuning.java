package nnrun.backend.cpu;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The GEMM blocking this process uses, and how it was chosen: {@code NNRUN_GEMM} when set, else
 * what a {@link GemmTrial} found on this CPU before, else a new trial (about a second), whose
 * verdict goes into a per-user cache ({@code $XDG_CACHE_HOME/nnrun/gemm-tuning.properties}, or
 * {@code ~/.cache/...}) keyed by CPU model, vector width, cache sizes and Java version, so later
 * runs start at once. A cache that cannot be written only costs the next process its own trial.
 */
public final class GemmTuning {
    /** Bump when the candidates or the trial change, so old verdicts are not reused. */
    static final int TRIAL_VERSION = 1;
    static final String ENV = "NNRUN_GEMM";

    private static GemmTuning forThisCpu;

    private final GemmBlocking blocking;
    private final String how;
    private final CpuCaches caches;

    GemmTuning(GemmBlocking blocking, String how, CpuCaches caches) {
        this.blocking = blocking;
        this.how = how;
        this.caches = caches;
    }

    /** This process's choice, made once. */
    public static synchronized GemmTuning forThisCpu() {
        if (forThisCpu == null) {
            CpuCaches caches = CpuCaches.detect();
            forThisCpu = choose(System.getenv(), cacheFile(System.getenv()), machineKey(caches), caches,
                    candidates -> GemmTrial.run(candidates, 3, 20_000_000L));
        }
        return forThisCpu;
    }

    GemmBlocking blocking() { return blocking; }

    /** The override, the cached verdict or a new trial, in that order. */
    static GemmTuning choose(Map<String, String> env, Path cache, String key, CpuCaches caches,
                             Function<List<GemmBlocking>, GemmTrial.Outcome> trial) {
        String override = env.get(ENV);
        if (override != null && !override.isBlank())
            return new GemmTuning(parse(override.trim(), caches, ENV + "=" + override.trim()), "set by " + ENV, caches);
        Properties known = read(cache);
        String cached = known.getProperty(key);
        if (cached != null) {
            try {
                GemmBlocking blocking = parse(cached, caches, cache.toString());
                return new GemmTuning(blocking, "measured on this CPU earlier (" + known.getProperty(key + ".trial", "")
                        + "; cached in " + cache + ")", caches);
            } catch (IllegalArgumentException stale) {
                // An entry this version cannot read (edited by hand, or an older layout): measure again.
            }
        }
        List<GemmBlocking> candidates = new ArrayList<>();
        for (MicroKernel k : GemmBlocking.candidates()) candidates.add(GemmBlocking.derive(k, caches));
        GemmTrial.Outcome outcome = trial.apply(candidates);
        known.setProperty(key, outcome.chosen().spec());
        known.setProperty(key + ".trial", outcome.summary());
        String stored = write(cache, known);
        return new GemmTuning(outcome.chosen(), "chosen by a timed trial on this CPU (" + outcome.summary() + "; "
                + stored + ")", caches);
    }

    /**
     * A blocking from "MRxNR" or "MRxNR,kc=N,mc=N" (tile shape in floats). Unset sizes come from
     * the caches. Throws with the accepted forms when the text is not one.
     */
    static GemmBlocking parse(String spec, CpuCaches caches, String where) {
        String[] parts = spec.split(",");
        MicroKernel kernel = GemmBlocking.kernel(parts[0].trim());
        if (kernel == null)
            throw new IllegalArgumentException(where + ": no micro-kernel has the tile " + parts[0].trim() + " on this CPU ("
                    + MicroKernel.LANES + " float lanes); use one of " + GemmBlocking.shapes()
                    + ", optionally followed by ,kc=N,mc=N, or unset " + ENV + " to let nnrun choose");
        GemmBlocking derived = GemmBlocking.derive(kernel, caches);
        int kc = derived.kc, mc = derived.mc;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            int value;
            try {
                value = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value <= 0 || !(kv[0].trim().equals("kc") || kv[0].trim().equals("mc")))
                throw new IllegalArgumentException(where + ": cannot read \"" + parts[i].trim() + "\" in \"" + spec
                        + "\"; the form is MRxNR[,kc=N][,mc=N] with positive whole N, e.g. " + derived.spec());
            if (kv[0].trim().equals("kc")) kc = value;
            else mc = value;
        }
        try {
            return new GemmBlocking(kernel, kc, mc, derived.nc);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** What identifies a machine for the cache: a verdict holds for the same CPU, width and JIT. */
    static String machineKey(CpuCaches caches) {
        String model = "unknown-cpu";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
                if (line.startsWith("model name")) { model = line.substring(line.indexOf(':') + 1).trim(); break; }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: the other facts still tell machines apart
        }
        return (model + " lanes " + MicroKernel.LANES + " l1d " + caches.l1dBytes() + " l2 " + caches.l2Bytes()
                + " java " + Runtime.version().feature() + " trial " + TRIAL_VERSION).replaceAll("[^A-Za-z0-9.@-]+", "_");
    }

    static Path cacheFile(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("nnrun").resolve("gemm-tuning.properties");
    }

    private static Properties read(Path cache) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cache)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // no cache yet, or an unreadable one: start from nothing and measure
        }
        return p;
    }

    /** Replaces the cache file whole (temporary file, then rename), so concurrent processes never read half of one. */
    private static String write(Path cache, Properties known) {
        try {
            Files.createDirectories(cache.getParent());
            StringWriter text = new StringWriter();
            known.store(text, "nnrun's GEMM tile per machine, measured at first use; delete this file to measure again");
            Path tmp = Files.createTempFile(cache.getParent(), ".gemm-tuning", ".tmp");
            try {
                Files.writeString(tmp, text.toString());
                try {
                    Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return "cached in " + cache;
        } catch (IOException | SecurityException e) {
            return "not cached: " + cache + ": " + e.getMessage();
        }
    }

    @Override public String toString() {
        return "micro-tile " + blocking.mr() + "x" + blocking.nr() + " (" + MicroKernel.LANES + " lanes), blocks KC "
                + blocking.kc + ", MC " + blocking.mc + ", NC " + blocking.nc + "; " + how + "; " + caches;
    }
}
