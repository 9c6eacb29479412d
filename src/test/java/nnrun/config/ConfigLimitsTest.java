package nnrun.config;

import static nnrun.config.ConfigFiles.MINIMAL;
import static nnrun.config.ConfigFiles.errorOf;
import static nnrun.config.ConfigFiles.load;
import static nnrun.config.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or mistaken input fails fast with the limit it broke, instead of hanging or filling the heap. */
class ConfigLimitsTest {
    private static final Duration FAST = Duration.ofSeconds(5);

    @TempDir Path dir;

    /** 24 levels of two aliases each: 48 aliases, under SnakeYAML's 50, yet 2^24 values once expanded. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
        for (int level = 1; level <= 24; level++) {
            yaml.append("l").append(level).append(": &l").append(level)
                    .append(" [*l").append(level - 1).append(", *l").append(level - 1).append("]\n");
        }
        return yaml.toString();
    }

    @Test
    void nestedAliasesThatExpandToMillionsOfValuesAreRefused() {
        String bomb = aliasBomb();
        assertEquals(48, bomb.chars().filter(c -> c == '*').count());
        Path file = write(dir, "bomb.yaml", MINIMAL + bomb);
        String error = assertTimeoutPreemptively(FAST, () -> errorOf(() -> load(file)));
        assertEquals(file + ":11:5: l11.0.0.1.1.1.0.0.1.0.1: the *aliases expand to more than 10000 values (the limit)"
                + " (fix: write the values out instead of nesting *aliases)", error);
    }

    @Test
    void aFewAliasesAreFine() {
        Path file = write(dir, "shared.yaml", MINIMAL.replace("epochs: 2", "epochs: &n 2\n  eval_every: *n"));
        assertEquals(2, load(file).train().evalEvery());
    }

    @Test
    void aFileOverTheSizeLimitFailsWithoutParsingIt() throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("name: ".getBytes());
            byte[] chunk = "x".repeat(1 << 20).getBytes();
            for (int i = 0; i < 16; i++) out.write(chunk);
            out.write('\n');
        }
        String error = assertTimeoutPreemptively(FAST, () -> errorOf(() -> load(file)));
        assertEquals(file + ": the config file is larger than 1 MiB, the limit for configs"
                + " (fix: is this really an experiment config? they are a few KiB)", error);
    }

    @Test
    void devZeroAsTheConfigFailsAtOnce() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "needs /dev/zero");
        String error = assertTimeoutPreemptively(FAST, () -> errorOf(() -> load(zero)));
        assertEquals("/dev/zero: the config file is larger than 1 MiB, the limit for configs"
                + " (fix: is this really an experiment config? they are a few KiB)", error);
    }
}
