package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stderr carries nnrun's own messages only; libraries' logging shows with --verbose. */
class QuietOutputTest {
    @TempDir Path tmp;

    /** The JVM prints this itself while it starts, before nnrun runs (README: "Quiet output"). */
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLibrarysLogRecordIsDroppedUnlessVerbose() {
        Logger aparapi = Logger.getLogger("com.aparapi");
        String quiet = stderrOf(() -> {
            assertEquals(0, Main.execute("devices"));
            aparapi.severe("Check your environment. Failed to load codegen native library");
        });
        assertEquals("", quiet);
        String verbose = stderrOf(() -> {
            assertEquals(0, Main.execute("--verbose", "devices"));
            aparapi.severe("Check your environment. Failed to load codegen native library");
        });
        assertEquals("[com.aparapi] severe: Check your environment. Failed to load codegen native library\n", verbose);
        String afterASubcommand = stderrOf(() -> {
            assertEquals(0, Main.execute("devices", "--verbose"));
            aparapi.warning("untested platform");
        });
        assertEquals("[com.aparapi] warning: untested platform\n", afterASubcommand);
    }

    @Test
    void trainingTheDemoPrintsNothingOnStderrButTheJvmsOwnNotice() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "nnrun.cli.Main", "configs/demo_spirals.yaml", "--set", "train.epochs=2", "--runs-dir", tmp.resolve("runs").toString())
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().remove("NNRUN_DEBUG");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the demo finishes");
        String out = Files.readString(tmp.resolve("out.txt")), err = Files.readString(tmp.resolve("err.txt"));
        assertEquals(0, p.exitValue(), out + err);
        assertEquals(List.of(INCUBATOR_NOTICE), err.lines().toList(), "stderr: " + err);
        assertTrue(out.contains("run folder: "), out);
    }
}
