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
                "  nnrun compare runs/20261122-101500_mnist_fcnn runs/20261122-103000_mnist_convnet",
                "  nnrun compare runs/sweep-lr --format csv",
                "  nnrun compare runs/ --error-table      rows MNIST / CIFAR-10, columns Linear / FCNN / ConvNet"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders, or folders of runs (a sweep, runs/).")
    List<Path> runs;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--error-table", description = "Print the slides' table: best test error per dataset and model kind.")
    boolean errorTable;

    @Override public Integer call() throws Exception {
        Comparison c;
        try {
            c = Comparison.of(runs, warning -> System.err.println("warning: " + warning));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (errorTable) {
            System.out.print(c.errorTable());
            return ExitCode.OK;
        }
        Comparison.Format f = switch (format.toLowerCase()) {
            case "markdown", "md" -> Comparison.Format.MARKDOWN;
            case "csv" -> Comparison.Format.CSV;
            case "json" -> Comparison.Format.JSON;
            default -> throw new UsageException("--format " + format + " is not one of markdown, csv, json");
        };
        System.out.print(c.render(f));
        return ExitCode.OK;
    }
}
