package nnrun.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the experiment a YAML config describes, into a new run folder runs/<UTC time>_<name>/.",
        footer = {"", "Examples:", "  nnrun train configs/mnist_fcnn.yaml",
                "  nnrun configs/cifar_convnet.yaml --set train.epochs=2 --device java",
                "  NNRUN_DATA=/data nnrun configs/mnist_linear.yaml --offline"})
final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "Experiment YAML file.") Path config;

    @Mixin RunOptions options;

    @Override public Integer call() throws Exception {
        ExperimentRunner runner = options.runner(System.out);
        Interrupts.onFirstInterrupt(runner::requestStop);
        ExperimentRunner.RunResult result = runner.train(config, options.allOverrides());
        System.out.println("run folder: " + result.run().path());
        return ExitCode.OK;
    }
}
