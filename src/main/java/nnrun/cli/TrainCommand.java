package nnrun.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the experiment a YAML config describes, into a new run folder runs/<UTC time>_<name>/.",
        footer = {"", "Examples:", "  nnrun train configs/mnist_fcnn.yaml",
                "  nnrun configs/cifar_convnet.yaml --set train.epochs=2 --device java",
                "  NNRUN_DATA=/data nnrun configs/mnist_linear.yaml --offline"})
final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "Experiment YAML file.") Path config;

    @Mixin RunOptions options;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = {"Train into DIR instead of a new runs/<time>_<name>/; if DIR already holds a checkpoint of this "
                    + "config, continue it (for requeued cluster jobs)."})
    Path runDir;

    @Override public Integer call() throws Exception {
        ExperimentRunner runner = options.runner(System.out);
        Interrupts.onFirstSignal(runner::requestStop);
        ExperimentRunner.RunResult result = runner.train(config, options.allOverrides(), java.util.Optional.ofNullable(runDir));
        System.out.println("run folder: " + result.run().path());
        return ExitCode.OK;
    }
}
