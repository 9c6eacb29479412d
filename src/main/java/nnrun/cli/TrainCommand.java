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

    @Mixin ConfigOverrides overrides;
    @Mixin ThreadsOption threads;
    @Mixin DeviceOption device;
    @Mixin DataOptions data;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs", description = "Where run folders are created (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = {"Train into DIR instead of a new runs/<time>_<name>/; if DIR already holds a checkpoint of this "
                    + "config, continue it (for requeued cluster jobs)."})
    Path runDir;

    @Override public Integer call() throws Exception {
        threads.use();
        ExperimentRunner runner = data.runner(runsDir, System.out);
        Interrupts.onFirstSignal(runner::requestStop);
        ExperimentRunner.RunResult result = runner.train(config, device.addedTo(overrides.values), java.util.Optional.ofNullable(runDir));
        System.out.println("run folder: " + result.run().path());
        return ExitCode.OK;
    }
}
