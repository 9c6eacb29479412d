package nnrun.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import nnrun.run.LearningCurves;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Learning curves (loss and error per epoch; train, validation, test) as PNG or SVG; "
                + "runs overlaid, a colour per run, a line style per split.",
        footer = {"", "Examples:",
                "  nnrun plot runs/20261122-101500_mnist_fcnn    writes curves.png there",
                "  nnrun plot runs/sweep-lr -o lr.svg            every run of the sweep",
                "  nnrun plot runs/a runs/b -o docs/curves.png"})
final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders, or folders of runs (a sweep, runs/).")
    List<Path> paths;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.png|FILE.svg",
            description = "Image to write (default: curves.png in the run folder, or ./curves.png for several runs).")
    Path out;

    @Override public Integer call() throws Exception {
        List<Path> runs = LearningCurves.runs(paths);
        Path file = out != null ? out : runs.size() == 1 ? runs.get(0).resolve("curves.png") : Path.of("curves.png");
        LearningCurves.Image format = LearningCurves.Image.forFile(file).orElseThrow(() -> new UsageException(
                "-o " + file + ": plot writes .png or .svg files (e.g. -o " + file.getFileName().toString().replaceAll("\\.\\w*$", "")
                        + ".svg)"));
        LearningCurves.plot(runs, file, format);
        System.out.println("wrote " + file);
        return ExitCode.OK;
    }
}
