package nnrun.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nnrun.run.AtomicFiles;
import nnrun.run.ExperimentRunner;
import nnrun.run.ModelGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "The model's computational graph as Graphviz DOT; SVG or PNG when Graphviz's `dot` is installed.",
        footer = {"", "Examples:", "  nnrun graph configs/mnist_fcnn.yaml > fcnn.dot",
                "  nnrun graph configs/mnist_convnet.yaml -o convnet.svg"})
final class GraphCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "Experiment YAML file.") Path config;

    @Option(names = {"-o", "--out"}, description = "Write to this file; .svg or .png are rendered with `dot`, anything else is DOT.")
    Path out;

    @Mixin ConfigOverrides overrides;
    @Mixin DataOptions data;

    @Override public Integer call() throws Exception {
        ExperimentRunner.BuiltModel m = data.runner(System.out).buildModel(config, overrides.values);
        String dot = ModelGraph.dot(m.model(), m.inputShape());
        if (out == null) {
            System.out.print(dot);
            return ExitCode.OK;
        }
        String name = out.getFileName().toString();
        String format = name.endsWith(".svg") ? "svg" : name.endsWith(".png") ? "png" : null;
        if (format == null) {
            AtomicFiles.writeString(out, dot);
        } else {
            GraphvizRenderer.render(dot, format, out);
        }
        System.out.println("wrote " + out);
        return ExitCode.OK;
    }
}
