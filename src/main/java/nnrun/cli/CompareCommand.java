package nnrun.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import nnrun.run.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "One table of runs: dataset, model, hyper-parameters, best and final test error, time.",
        footer = {"", "Examples:",
                "  nnrun compare runs/*_mnist_fcnn runs/*_mnist_convnet",
                "  nnrun compare runs/sweep-lr --format csv",
                "  nnrun compare runs/ --error-table",
                "      the slides' table: rows MNIST, CIFAR-10; columns Linear, FCNN, ConvNet"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders, or folders of runs (a sweep, runs/).")
    List<Path> runs;

    @Option(names = "--format", defaultValue = "markdown", completionCandidates = Formats.class,
            description = "markdown, csv or json (default: ${DEFAULT-VALUE}); CSV and JSON hold plain numbers, error rates as fractions.")
    String format;

    @Option(names = "--error-table", description = "The slides' table instead: test error at the selected epoch per dataset and model kind (in --format).")
    boolean errorTable;

    @Override public Integer call() throws Exception {
        Comparison.Format f = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "markdown", "md" -> Comparison.Format.MARKDOWN;
            case "csv" -> Comparison.Format.CSV;
            case "json" -> Comparison.Format.JSON;
            default -> throw new UsageException("--format " + format + " is not one of markdown, csv, json");
        };
        Comparison c = Comparison.of(runs, warning -> System.err.println("warning: " + warning));
        System.out.print(errorTable ? c.errorTable(f) : c.render(f));
        return ExitCode.OK;
    }

    /** What shell completion offers after --format. */
    static final class Formats extends java.util.ArrayList<String> {
        Formats() { super(java.util.List.of("markdown", "csv", "json")); }
    }
}
