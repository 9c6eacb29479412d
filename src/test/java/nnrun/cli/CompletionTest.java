package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bash completion script, asked the way bash asks it when the user presses Tab. */
class CompletionTest {
    @TempDir static Path tmp;
    private static Path script;

    @BeforeAll
    static void generate() throws Exception {
        var r = CliRunner.run("generate-completion");
        assertEquals(0, r.exitCode(), r.err());
        script = tmp.resolve("nnrun-completion.bash");
        Files.writeString(script, r.out());
    }

    /** What Tab offers after `line` (the last word is the one being completed; "" after a space). */
    private static List<String> complete(String... words) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash here");
        String array = String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String driver = "source '" + script + "'\n"
                + "COMP_WORDS=(nnrun " + array + "); COMP_CWORD=" + words.length + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_nnrun; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("/bin/bash", "-c", driver).redirectError(ProcessBuilder.Redirect.DISCARD).start(); // compopt: "not in completion"
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.lines().filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void afterAConfigFileTabOffersTrainsFlags() throws Exception {
        List<String> offered = complete("configs/demo_spirals.yaml", "--");
        assertTrue(offered.containsAll(List.of("--set", "--device", "--runs-dir", "--data-dir", "--offline")), offered.toString());
    }

    @Test
    void flagValuesAreCompleted() throws Exception {
        assertEquals(List.of("auto", "java", "opencl"), complete("train", "configs/demo_spirals.yaml", "--device", ""));
        assertEquals(List.of("auto", "java", "opencl"), complete("configs/demo_spirals.yaml", "--device", ""));
        assertEquals(List.of("markdown", "csv", "json"), complete("compare", "runs", "--format", ""));
        assertEquals(List.of("best", "last"), complete("eval", "runs/x", "--checkpoint", ""));
    }

    @Test
    void configKeysAreCompletedAfterSet() throws Exception {
        List<String> offered = complete("train", "configs/demo_spirals.yaml", "--set", "optimizer.");
        assertTrue(offered.contains("optimizer.lr="), offered.toString());
        List<String> train = complete("configs/demo_spirals.yaml", "--set", "train.");
        assertTrue(train.containsAll(List.of("train.epochs=", "train.batch_size=")), train.toString());
    }
}
