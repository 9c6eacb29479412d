package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first process on a machine measures; the ones after it read the verdict; NNRUN_GEMM overrides both. */
class GemmTuningTest {
    private static final CpuCaches CACHES = new CpuCaches(48 * 1024, 1024 * 1024, "test");
    private static final String KEY = "AMD_EPYC_lanes_16_test";

    @TempDir Path dir;

    /** A stand-in trial that always crowns the last candidate and counts its calls. */
    private static Function<List<GemmBlocking>, GemmTrial.Outcome> lastWins(AtomicInteger calls) {
        return candidates -> {
            calls.incrementAndGet();
            double[] millis = new double[candidates.size()];
            for (int i = 0; i < millis.length; i++) millis[i] = 3.0 - i * 0.5;
            return new GemmTrial.Outcome(candidates.get(candidates.size() - 1),
                    candidates.stream().map(GemmBlocking::spec).toList(), millis, 1_000_000_000L);
        };
    }

    @Test
    void theFirstRunMeasuresAndCachesTheVerdictAndTheSecondReadsIt() {
        Path cache = dir.resolve("nnrun/gemm-tuning.properties");
        AtomicInteger trials = new AtomicInteger();
        GemmTuning first = GemmTuning.choose(Map.of(), cache, KEY, CACHES, lastWins(trials));
        GemmTuning second = GemmTuning.choose(Map.of(), cache, KEY, CACHES, lastWins(trials));
        assertEquals(1, trials.get());
        assertTrue(Files.exists(cache));
        assertEquals(first.blocking().spec(), second.blocking().spec());
        assertTrue(first.toString().contains("chosen by a timed trial"), first.toString());
        assertTrue(second.toString().contains("measured on this CPU earlier"), second.toString());
        // Another machine sharing the home folder (a cluster's NFS home) measures for itself.
        GemmTuning.choose(Map.of(), cache, "Intel_Xeon_lanes_16_test", CACHES, lastWins(trials));
        assertEquals(2, trials.get());
        GemmTuning.choose(Map.of(), cache, KEY, CACHES, lastWins(trials));
        assertEquals(2, trials.get(), "both verdicts are kept in the one file");
    }

    @Test
    void anUnreadableCachedEntryIsMeasuredAgain() throws IOException {
        Path cache = dir.resolve("gemm-tuning.properties");
        Files.writeString(cache, KEY + "=13x7\n");
        AtomicInteger trials = new AtomicInteger();
        GemmTuning.choose(Map.of(), cache, KEY, CACHES, lastWins(trials));
        assertEquals(1, trials.get());
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsTheNextProcessATrial() throws IOException {
        Path blocked = dir.resolve("a-file");
        Files.writeString(blocked, "not a folder");
        GemmTuning t = GemmTuning.choose(Map.of(), blocked.resolve("nnrun/gemm-tuning.properties"), KEY, CACHES,
                lastWins(new AtomicInteger()));
        assertTrue(t.toString().contains("not cached"), t.toString());
    }

    @Test
    void theEnvironmentOverridesTheTrialAndTheCache() {
        AtomicInteger trials = new AtomicInteger();
        GemmTuning t = GemmTuning.choose(Map.of("NNRUN_GEMM", "8x" + 3 * MicroKernel.LANES + ",kc=256,mc=64"),
                dir.resolve("c.properties"), KEY, CACHES, lastWins(trials));
        assertEquals(0, trials.get());
        assertEquals("8x" + 3 * MicroKernel.LANES + ",kc=256,mc=64", t.blocking().spec());
        assertTrue(t.toString().contains("set by NNRUN_GEMM"), t.toString());
    }

    @Test
    void aBadOverrideSaysWhatIsAcceptedAndHowToGetTheDefault() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> GemmTuning.choose(
                Map.of("NNRUN_GEMM", "9x9"), dir.resolve("c"), KEY, CACHES, lastWins(new AtomicInteger())));
        assertTrue(shape.getMessage().startsWith("NNRUN_GEMM=9x9: no micro-kernel has the tile 9x9"), shape.getMessage());
        assertTrue(shape.getMessage().contains("unset NNRUN_GEMM"), shape.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> GemmTuning.choose(
                Map.of("NNRUN_GEMM", "8x" + 2 * MicroKernel.LANES + ",kc=0"), dir.resolve("c"), KEY, CACHES,
                lastWins(new AtomicInteger())));
        assertTrue(size.getMessage().contains("MRxNR[,kc=N][,mc=N]"), size.getMessage());
        IllegalArgumentException mc = assertThrows(IllegalArgumentException.class, () -> GemmTuning.choose(
                Map.of("NNRUN_GEMM", "8x" + 2 * MicroKernel.LANES + ",mc=20"), dir.resolve("c"), KEY, CACHES,
                lastWins(new AtomicInteger())));
        assertTrue(mc.getMessage().contains("mc a multiple of 8"), mc.getMessage());
    }

    @Test
    void onTheAmdEpycItWasTunedOnTheCacheSizesGiveTheHandTunedBlocks() {
        GemmBlocking b = GemmBlocking.derive(new MicroKernel8x2(), CACHES);
        assertEquals(8 * 1, b.mr());
        assertEquals(MicroKernel.LANES == 16 ? "8x32,kc=384,mc=128" : "8x16,kc=512,mc=96", b.spec());
    }

    @Test
    void theRealTrialPicksTheIncumbentUnlessAChallengerWinsByTheMargin() {
        List<GemmBlocking> candidates = GemmBlocking.candidates().stream().map(k -> GemmBlocking.derive(k, CACHES)).toList();
        GemmTrial.Outcome o = GemmTrial.run(candidates, 1, 2_000_000L);
        int winner = candidates.indexOf(o.chosen());
        assertTrue(winner >= 0);
        double bar = winner == 0 ? o.millis()[0] * (1 - GemmTrial.MARGIN) : o.millis()[winner];
        if (winner > 0) assertTrue(o.millis()[winner] < o.millis()[0] * (1 - GemmTrial.MARGIN), o.summary());
        for (int i = 1; i < o.millis().length; i++) if (i != winner) assertTrue(o.millis()[i] >= bar, o.summary());
    }
}
