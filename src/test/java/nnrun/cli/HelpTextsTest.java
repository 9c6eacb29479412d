package nnrun.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What `--help` shows a new user: fits 80 columns, names real scripts, lists only flags that act. */
class HelpTextsTest {
    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        CommandLine root = Main.commandLine();
        all.add(root.getCommandSpec());
        root.getSubcommands().values().forEach(c -> all.add(c.getCommandSpec()));
        return all;
    }

    private static String help(String command) {
        var r = command.isEmpty() ? CliRunner.run("--help") : CliRunner.run(command, "--help");
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    @Test
    void everyHelpFitsEightyColumnsAndItsExamplesAreNotBrokenMidWord() {
        for (CommandSpec spec : commands()) {
            String command = spec.parent() == null ? "" : spec.name();
            String help = help(command);
            for (String line : help.lines().toList()) assertTrue(line.length() <= 80, command + ": " + line.length() + ": " + line);
            for (String line : spec.usageMessage().footer())
                assertTrue(line.isEmpty() || help.lines().anyMatch(line::equals), command + ": footer line wrapped: " + line);
        }
    }

    @Test
    void everyScriptAHelpTextNamesExists() {
        Pattern script = Pattern.compile("scripts/[\\w./-]+\\.(sh|py)");
        for (CommandSpec spec : commands()) {
            Matcher m = script.matcher(help(spec.parent() == null ? "" : spec.name()));
            while (m.find()) assertTrue(Files.exists(Path.of(m.group())), spec.name() + " names " + m.group());
        }
    }

    @Test
    void commandsListOnlyTheFlagsThatDoSomethingThere() {
        assertEquals(List.of("--data-dir", "--offline", "--set"), ownOptions("summary"));
        assertEquals(List.of("--data-dir", "--offline", "--out", "--set"), ownOptions("graph"));
        assertEquals(List.of("--checkpoint", "--data-dir", "--offline", "--threads"), ownOptions("eval"));
        assertEquals(List.of("--data-dir", "--epochs", "--offline", "--threads"), ownOptions("resume"));
        assertEquals(List.of("--batch", "--device", "--infer-batch", "--seconds", "--set", "--threads"), ownOptions("bench"));
        assertEquals(List.of("--data-dir", "--device", "--offline", "--run-dir", "--runs-dir", "--set", "--threads"), ownOptions("train"));
        var r = CliRunner.run("resume", "runs/x", "--set", "train.epochs=9");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: Unknown options: '--set'"), r.err());
    }

    private static List<String> ownOptions(String command) {
        return Main.commandLine().getSubcommands().get(command).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--verbose"))
                .map(CommandLine.Model.OptionSpec::longestName).sorted().toList();
    }

    @Test
    void everyPositionalParameterSaysWhatItIs() {
        for (CommandSpec spec : commands())
            for (var p : spec.positionalParameters())
                if (!spec.name().equals("help"))
                    assertTrue(p.description().length > 0 && !p.description()[0].isBlank(), spec.name() + " " + p.paramLabel());
    }

    @Test
    void nnrunWithoutACommandPrintsTheUsageAndExitsTwo() {
        var r = CliRunner.run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Usage: nnrun"), r.err());
        assertEquals("", r.out());
    }
}
