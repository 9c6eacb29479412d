package nnrun.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its last checkpoint, exactly as configured (its config.yaml, its device); "
                + "it ends with the same weights and metrics as an uninterrupted run.",
        footer = {"", "Example:", "  nnrun resume runs/20261122-101500_cifar_convnet"})
final class ResumeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "The run folder to continue, e.g. runs/20261122-101500_cifar_convnet.")
    Path runDir;

    @Mixin DataOptions data;
    @Mixin ThreadsOption threads;

    @Option(names = "--epochs", paramLabel = "N", description = "Train the run to N epochs in all (more than it was configured for).")
    Integer epochs;

    @Override public Integer call() throws Exception {
        threads.use();
        ExperimentRunner runner = data.runner(System.out);
        Interrupts.onFirstSignal(runner::requestStop);
        ExperimentRunner.RunResult result = runner.resume(runDir, java.util.Optional.ofNullable(epochs));
        System.out.println("run folder: " + result.run().path());
        return ExitCode.OK;
    }
}
