package nnrun.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressTest {
    private static String drive(boolean terminal, int logEvery) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, logEvery);
        p.startEpoch(2, 5, 10);
        for (int b = 1; b <= 10; b++) p.update(b, 128L * b, 0.5);
        p.endEpoch();
        return bytes.toString(StandardCharsets.UTF_8);
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
}
