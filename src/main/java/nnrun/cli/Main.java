package nnrun.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The nnrun command line: thin commands that parse flags, call one service, and map errors to exit codes. */
@Command(name = "nnrun", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Config-driven neural-network experiments: train, resume, evaluate, compare and plot runs.",
        footer = {"", "Examples:",
                "  nnrun configs/mnist_fcnn.yaml           train (same as: nnrun train CONFIG)",
                "  nnrun configs/mnist_fcnn.yaml --set optimizer.lr=0.1 --set train.epochs=3",
                "  nnrun compare runs/ --error-table       the slides' error table of all runs",
                "  source <(nnrun generate-completion)     tab completion in bash",
                "", "Exit codes: 0 ok, 2 usage or config error (also a missing run folder),",
                "3 data or checkpoint error, 4 runtime failure (divergence, device, disk),",
                "128+signal when stopped by a signal: 130 Ctrl-C, 143 SIGTERM,",
                "129 SIGHUP, 138 SIGUSR1 (a checkpoint was saved)."},
        subcommands = {TrainCommand.class, ResumeCommand.class, EvalCommand.class, PredictCommand.class, ExportCommand.class,
                CompareCommand.class,
                PlotCommand.class, GraphCommand.class, SummaryCommand.class, DevicesCommand.class, SelfcheckCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class, CompletionCommand.class})
public final class Main implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also print what libraries (Aparapi, JOCL) log, on stderr; NNRUN_DEBUG=1 does too.")
    boolean verbose;

    /** No command: the usage, and the exit code of a usage error (scripts that forget the command fail). */
    @Override public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCode.USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs nnrun in-process and returns its exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = commandLine();
        nnrun.run.RunEnvironment.recordCommandLine(java.util.List.of(args));
        try {
            return cli.execute(withDefaultCommand(cli, args));
        } catch (OutOfMemoryError e) {
            System.err.println("error: " + ErrorReporter.message(e));
            return ExitCode.RUNTIME;
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new ErrorReporter());
        cli.setExecutionStrategy(parsed -> {
            LibraryLogging.route(verbose(parsed) || System.getenv("NNRUN_DEBUG") != null);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand())
            if (p.hasMatchedOption("--verbose")) return true;
        return false;
    }

    /** `nnrun CONFIG` means `nnrun train CONFIG`; a word that is neither is left for Picocli to suggest a command for. */
    static String[] withDefaultCommand(CommandLine cli, String[] args) {
        Set<String> commands = cli.getSubcommands().keySet();
        int first = 0;
        while (first < args.length && args[first].equals("--verbose")) first++; // global options before the command
        if (first == args.length || args[first].startsWith("-") || commands.contains(args[first])) return args;
        String word = args[first];
        boolean looksLikeConfig = word.endsWith(".yaml") || word.endsWith(".yml") || java.nio.file.Files.exists(java.nio.file.Path.of(word));
        if (!looksLikeConfig) return args;
        List<String> out = new ArrayList<>(List.of(args));
        out.add(first, "train");
        return out.toArray(String[]::new);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"nnrun " + nnrun.run.RunSummary.currentVersions().get("nnrun")
                    + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
