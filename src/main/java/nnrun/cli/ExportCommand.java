package nnrun.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import nnrun.export.OnnxExporter;
import nnrun.run.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's model as an ONNX model (opset " + OnnxExporter.OPSET + ") for other runtimes.",
                "Input 'input' [batch, C, H, W] (or [batch, features]) with values as nnrun's loaders give them (pixels/255);"
                        + " the run's normalization is inside the graph. Outputs 'scores' (the model's output, logits for"
                        + " cross_entropy) and 'probabilities'. Class names are in the metadata (class_names)."},
        footer = {"", "Examples:", "  nnrun export runs/20261122-101500_mnist_fcnn -o mnist_fcnn.onnx",
                "  nnrun export runs/20261122-101500_mnist_fcnn -o last.onnx --checkpoint last"})
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "A run folder.") Path runDir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.onnx", description = "Where to write the model.")
    Path output;

    @Mixin TrainedModelOptions model;

    @Override public Integer call() throws Exception {
        TrainedModel trained = model.load(runDir, false);
        OnnxExporter.write(trained, output);
        System.out.println("wrote " + output + ": opset " + OnnxExporter.OPSET + ", input '" + OnnxExporter.INPUT + "' [batch, "
                + Arrays.toString(trained.inputs().sampleShape()).replaceAll("[\\[\\]]", "") + "], outputs '" + OnnxExporter.SCORES
                + "' and '" + OnnxExporter.PROBABILITIES + "', " + trained.inputs().numClasses() + " classes, from " + trained.checkpoint());
        return ExitCode.OK;
    }
}
