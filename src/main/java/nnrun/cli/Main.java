package nnrun.cli;

import java.util.Set;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The nnrun command line: thin commands that parse flags, call one service, and map errors to exit codes. */
@Command(name = "nnrun", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Config-driven neural-network experiments: train, resume, evaluate, compare and plot runs.",
        footer = {"", "Examples:",
                "  nnrun configs/mnist_fcnn.yaml                 train (same as: nnrun train CONFIG)",
                "  nnrun train configs/mnist_fcnn.yaml --set optimizer.lr=0.1 --set train.epochs=3",
                "  nnrun compare runs/ --error-table             the slides' error table over all runs",
                "", "Exit codes: 0 ok, 2 usage or config error, 3 data or checkpoint error,",
                "4 runtime failure (divergence, device, disk), 130 interrupted."},
        subcommands = {TrainCommand.class, ResumeCommand.class, EvalCommand.class, PredictCommand.class, ExportCommand.class,
                CompareCommand.class,
                PlotCommand.class, GraphCommand.class, SummaryCommand.class, DevicesCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.err); }

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
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return cli;
    }

    /** `nnrun CONFIG` means `nnrun train CONFIG`; a word that is neither is left for Picocli to suggest a command for. */
    static String[] withDefaultCommand(CommandLine cli, String[] args) {
        Set<String> commands = cli.getSubcommands().keySet();
        if (args.length == 0 || args[0].startsWith("-") || commands.contains(args[0])) return args;
        boolean looksLikeConfig = args[0].endsWith(".yaml") || args[0].endsWith(".yml") || java.nio.file.Files.exists(java.nio.file.Path.of(args[0]));
        if (!looksLikeConfig) return args;
        String[] out = new String[args.length + 1];
        out[0] = "train";
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"nnrun " + nnrun.run.RunSummary.currentVersions().get("nnrun")
                    + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
