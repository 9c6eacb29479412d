package nnrun.cli;

import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import nnrun.predict.Prediction;
import nnrun.predict.PredictionCsv;
import nnrun.predict.PredictionInputs;
import nnrun.predict.Predictor;
import nnrun.run.AtomicFiles;
import nnrun.run.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify images, IDX or CSV samples with a run's model; writes CSV: input, class_index, class_name,"
                + " probability, top_k.",
                "Images (PNG/JPEG, any size) are converted to the model's channels and size; MNIST digits are light on dark,"
                + " so pass --invert for dark ink on light paper."},
        footer = {"", "Examples:", "  nnrun predict runs/20261122-101500_mnist_fcnn digit.png photos/",
                "  nnrun predict runs/20261122-101500_mnist_fcnn scan.jpg --invert --top-k 3",
                "  nnrun predict runs/mnist_fcnn data/mnist/t10k-images-idx3-ubyte.gz -o p.csv",
                "  nnrun predict runs/20261122-101500_iris new_flowers.csv --checkpoint last"})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder.") Path runDir;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
            description = "PNG/JPEG images, folders of them, IDX files (gzipped or not), or CSV files of one sample per row.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "Write the CSV here instead of to stdout.") Path output;

    @Option(names = "--top-k", defaultValue = "3", paramLabel = "K",
            description = "How many classes the top_k column ranks (default: ${DEFAULT-VALUE}).") int topK;

    @Option(names = "--invert", description = "Use 1 - value for images (dark strokes on light paper for a light-on-dark model).")
    boolean invert;

    @Mixin TrainedModelOptions model;
    @Mixin ThreadsOption threads;

    @Override public Integer call() throws Exception {
        threads.use();
        if (topK < 1) throw new UsageException("--top-k must be at least 1, got " + topK);
        TrainedModel trained = model.load(runDir, true);
        Optional<String> csvLabel = trained.config().data().dataset().name().equals("csv")
                ? Optional.of(trained.config().data().dataset().options().getString("label", "")) : Optional.empty();
        var samples = new PredictionInputs(trained.inputs().sampleShape(), invert, csvLabel).read(inputs);
        List<Prediction> predictions = new Predictor(trained, topK).predict(samples);
        if (output == null) {
            Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            PredictionCsv.write(predictions, out);
            out.flush();
        } else {
            StringWriter text = new StringWriter();
            PredictionCsv.write(predictions, text);
            AtomicFiles.writeString(output, text.toString());
            System.err.println("wrote " + predictions.size() + " predictions to " + output);
        }
        return ExitCode.OK;
    }
}
