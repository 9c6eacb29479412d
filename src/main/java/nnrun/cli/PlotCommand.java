package nnrun.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import nnrun.run.LearningCurves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "PNG learning curves (loss and error per epoch, train vs test); several runs are overlaid.",
        footer = {"", "Examples:", "  nnrun plot runs/20261122-101500_mnist_fcnn          writes curves.png in that run folder",
                "  nnrun plot runs/a runs/b -o docs/curves.png"})
final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR") List<Path> runs;

    @Option(names = {"-o", "--out"}, description = "PNG file to write (default: curves.png in the run folder, or ./curves.png for several runs).")
    Path out;

    @Override public Integer call() throws Exception {
        Path png = out != null ? out : runs.size() == 1 ? runs.get(0).resolve("curves.png") : Path.of("curves.png");
        LearningCurves.plot(runs, png);
        System.out.println("wrote " + png);
        return ExitCode.OK;
    }
}
