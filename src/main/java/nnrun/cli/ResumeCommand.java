package nnrun.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its last checkpoint; it ends with the same weights and metrics as an uninterrupted run.",
        footer = {"", "Example:", "  nnrun resume runs/20261122-101500_cifar_convnet"})
final class ResumeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR") Path runDir;

    @Mixin RunOptions options;

    @Option(names = "--epochs", paramLabel = "N", description = "Train the run to N epochs in all (more than it was configured for).")
    Integer epochs;

    @Override public Integer call() throws Exception {
        if (!options.overrides.isEmpty() || options.device != null)
            throw new UsageException("resume continues a run exactly as configured; --set and --device are not allowed "
                    + "(start a new run with nnrun train instead)");
        ExperimentRunner runner = options.runner(System.out);
        Interrupts.onFirstSignal(runner::requestStop);
        ExperimentRunner.RunResult result = runner.resume(runDir, java.util.Optional.ofNullable(epochs));
        System.out.println("run folder: " + result.run().path());
        return ExitCode.OK;
    }
}
