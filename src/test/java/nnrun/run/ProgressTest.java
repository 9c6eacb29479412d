package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A clock the test moves: each batch takes `secondsPerBatch`, the first `firstBatchSeconds` (JIT warm-up). */
    private static final class Run {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long now;
        final Progress progress;

        Run(boolean terminal, int logEvery, int columns) {
            progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, logEvery, columns, () -> now);
        }

        String epoch(int firstIndex, int total, double firstBatchSeconds, double secondsPerBatch) {
            progress.startEpoch(2, 5, total);
            for (int b = firstIndex; b <= total; b++) {
                now += (long) ((b == firstIndex ? firstBatchSeconds : secondsPerBatch) * 1e9);
                progress.update(b, 128L * (b - firstIndex + 1), 0.5);
            }
            progress.endEpoch();
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static String drive(boolean terminal, int logEvery) {
        return new Run(terminal, logEvery, 120).epoch(1, 10, 0.3, 0.3);
    }

    @Test
    void intoAFileItWritesAPlainLineEveryLogEveryBatches() {
        String out = drive(false, 4);
        assertEquals(2, out.lines().count(), out);
        assertTrue(out.startsWith("epoch 2/5 batch 4/10 "), out);
        assertTrue(out.contains("loss 0.5000  ETA"), out);
        assertFalse(out.contains("\r"));
        assertEquals("", drive(false, 0), "log_every: 0 leaves only the epoch lines");
    }

    @Test
    void onATerminalItRedrawsOneBarInPlace() {
        String out = drive(true, 4);
        assertTrue(out.startsWith("\repoch 2/5 ["), out);
        assertTrue(out.contains("[==============================] 10/10"), out);
        assertTrue(out.endsWith("\n"));
        assertEquals(1, out.chars().filter(ch -> ch == '\n').count(), "one line, redrawn with carriage returns");
    }

    @Test
    void afterAResumeTheEtaCountsOnlyTheBatchesThisProcessTrained() {
        // Resumed at batch 900 of 1000, 0.1 s per batch: 100 batches left take 10 s, not 0.1 s × 900/… of the whole epoch.
        String out = new Run(false, 50, 120).epoch(901, 1000, 0.1, 0.1);
        assertTrue(out.contains("epoch 2/5 batch 950/1000 ") && out.contains("ETA 0:05"), out);
    }

    @Test
    void noEtaUntilTheWarmUpBatchIsBehindAndThePaceIsKnown() {
        // The first batch compiles for 20 s, then batches take 0.1 s: the old estimate said 16:40 after batch 1.
        String out = new Run(false, 1, 120).epoch(1, 500, 20, 0.1);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(0).startsWith("epoch 2/5 batch 1/500 ") && lines.get(0).endsWith("ETA -:--"), lines.get(0));
        assertTrue(lines.get(9).endsWith("ETA -:--"), "1 s of steady batches is needed: " + lines.get(9));
        assertTrue(lines.get(99).endsWith("ETA 0:40"), "400 batches at 0.1 s: " + lines.get(99));
    }

    @Test
    void theBarFitsTheTerminalWidthAndLeavesNoTrailWhenItShrinks() {
        for (int columns : new int[] {120, 80, 60, 40, 20}) {
            Run run = new Run(true, 0, columns);
            run.progress.startEpoch(2, 5, 10);
            run.now += 1_000_000_000L;
            run.progress.update(1, 128, 12345.678); // a wide loss first
            run.now += 1_000_000_000L;
            run.progress.update(2, 256, 0.5);
            String out = run.bytes.toString(StandardCharsets.UTF_8);
            List<String> frames = Arrays.stream(out.split("\r")).filter(s -> !s.isEmpty()).toList();
            assertEquals(2, frames.size(), out);
            for (String frame : frames) assertTrue(frame.length() < columns, columns + " columns: '" + frame + "'");
            assertTrue(frames.get(1).length() >= frames.get(0).strip().length(), "the second frame covers the first: " + frames);
        }
        assertTrue(barOf(120).contains("[===") && barOf(120).contains("samples/s"), barOf(120));
        assertTrue(barOf(50).contains("[==") && !barOf(50).contains("samples/s"), "samples/s make room for the bar: " + barOf(50));
        assertFalse(barOf(30).contains("["), "too narrow for a bar: " + barOf(30));
    }

    private static String barOf(int columns) {
        Run run = new Run(true, 0, columns);
        run.progress.startEpoch(2, 5, 10);
        run.now += 1_000_000_000L;
        run.progress.update(5, 640, 0.5);
        return run.bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theWidthComesFromColumnsElseEighty() {
        assertEquals(132, Progress.terminalColumns(Map.of("COLUMNS", "132")));
        assertEquals(80, Progress.terminalColumns(Map.of()));
        assertEquals(80, Progress.terminalColumns(Map.of("COLUMNS", "wide")));
    }
}
