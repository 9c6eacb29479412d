package nnrun.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnrun.nn.ModelSummary;
import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "The model's layers with output shapes, parameter counts and forward FLOPs.",
        footer = {"", "Example:", "  nnrun summary configs/cifar_convnet.yaml"})
final class SummaryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "Experiment YAML file.") Path config;

    @Mixin ConfigOverrides overrides;
    @Mixin DataOptions data;

    @Override public Integer call() {
        ExperimentRunner.BuiltModel m = data.runner(System.out).buildModel(config, overrides.values);
        System.out.print(ModelSummary.of(m.model(), m.inputShape()));
        return ExitCode.OK;
    }
}
