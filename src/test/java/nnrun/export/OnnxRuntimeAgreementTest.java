package nnrun.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import nnrun.autodiff.Generator;
import nnrun.autodiff.GradMode;
import nnrun.autodiff.Tensor;
import nnrun.cli.Main;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;
import nnrun.data.Cifar10;
import nnrun.data.Dataset;
import nnrun.data.DatasetLocator;
import nnrun.data.DatasetRepository;
import nnrun.data.Mnist;
import nnrun.data.Normalization;
import nnrun.data.Split;
import nnrun.data.StandardDataset;
import nnrun.nn.BatchNorm;
import nnrun.nn.Blocks;
import nnrun.nn.ModelBuilder;
import nnrun.nn.Module;
import nnrun.nn.Sequential;
import nnrun.run.Checkpoint;
import nnrun.run.ClassProbabilities;
import nnrun.run.RunDirectory;
import nnrun.run.RunInputs;
import nnrun.run.RunSummary;
import nnrun.run.TrainState;
import nnrun.run.TrainedModel;

/**
 * `nnrun export` models run in ONNX Runtime and agree with nnrun: for each reference config, a
 * run folder with seeded random weights (batch norm with non-trivial running statistics) is
 * exported through the command line, and ORT's scores on a batch match nnrun's to 1e-4, with the
 * same predicted classes and so the same error. One config is also trained for real on MNIST.
 */
class OnnxRuntimeAgreementTest {
    private static OrtEnvironment ort;
    @TempDir Path tmp;

    @BeforeAll static void startRuntime() { ort = OrtEnvironment.getEnvironment(); }

    @AfterAll static void stopRuntime() { ort.close(); }

    @ParameterizedTest
    @ValueSource(strings = {"mnist_linear", "mnist_fcnn", "mnist_convnet", "cifar_linear", "cifar_fcnn", "cifar_convnet"})
    void everyReferenceConfigRunsInOnnxRuntimeWithNnrunsScores(String name) throws Exception {
        agreesWithOnnxRuntime(ConfigLoader.load(Path.of("configs", name + ".yaml")));
    }

    /** Every block kind, with the options that change its ONNX attributes (asymmetric windows, padding, dilation, no bias). */
    private static final String EVERY_BLOCK = """
            name: every_block
            data: {dataset: mnist}
            model:
              - conv2d: {out: 4, kernel: [3, 2], stride: [2, 1], padding: [1, 0], dilation: [2, 1]}
              - batchnorm2d: {eps: 0.001}
              - leaky_relu: 0.1
              - avgpool2d: {kernel: 3, stride: 1, padding: 1}
              - relu
              - maxpool2d: {kernel: 2, stride: 2, padding: 1}
              - conv2d: {out: 6, kernel: 1, bias: false}
              - sigmoid
              - global_avgpool
              - flatten
              - linear: {out: 16, bias: false}
              - batchnorm1d
              - tanh
              - dropout: 0.5
              - linear: {out: 10}
              - softmax
            optimizer: {name: sgd, lr: 0.1}
            train: {epochs: 1}
            """;

    @Test
    void everyBlockKindRunsInOnnxRuntimeWithNnrunsOutputs() throws Exception {
        Path file = tmp.resolve("every_block.yaml");
        Files.writeString(file, EVERY_BLOCK);
        ExperimentConfig config = ConfigLoader.load(file);
        assertEquals(java.util.Set.copyOf(Blocks.REGISTRY.names()), config.model().stream().map(b -> b.name()).collect(Collectors.toSet()),
                "the config uses every block nnrun has");
        agreesWithOnnxRuntime(config);
    }

    @Test
    void aOneLogitModelGetsSigmoidProbabilitiesForTwoClasses() throws Exception {
        Path file = tmp.resolve("one_logit.yaml");
        Files.writeString(file, """
                name: one_logit
                data: {dataset: mnist}
                model: [flatten, {linear: {out: 1}}]
                loss: logistic
                optimizer: {name: sgd, lr: 0.1}
                train: {epochs: 1}
                """);
        agreesWithOnnxRuntime(ConfigLoader.load(file));
    }

    private void agreesWithOnnxRuntime(ExperimentConfig config) throws Exception {
        String name = config.name();
        int[] shape = StandardDataset.named(config.data().dataset().name()).sampleShape();
        Path run = fakeRun(config, shape);
        Path onnx = tmp.resolve(name + ".onnx");
        assertEquals(0, Main.execute("export", run.toString(), "-o", onnx.toString()));

        TrainedModel trained = TrainedModel.load(run, "best", c -> { throw new AssertionError("inputs.json was written"); }, System.err, false);
        int n = 6;
        float[] x = Tensor.rand(new Generator(7), 0f, 1f, n * trained.inputs().sampleLength()).toArray();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (i * 7) % 10;

        float[] expected = nnrunScores(trained, x, n);
        try (OrtSession session = ort.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            float[][][] out = run(session, x, batchShape(n, shape));
            float[] scores = flat(out[0]);
            assertEquals(expected.length, scores.length);
            for (int i = 0; i < scores.length; i++)
                assertEquals(expected[i], scores[i], 1e-4, name + ": score " + i);
            int columns = expected.length / n;
            ClassProbabilities kind = ClassProbabilities.of(trained.model(), shape);
            for (int i = 0; i < n; i++)
                assertArrayEquals(kind.of(expected, i, columns), out[1][i], 1e-5f, name + ": probabilities of sample " + i);
            assertEquals(errors(expected, labels, kind), errors(flat(out[1]), labels), name + ": same errors on the batch");
            assertEquals(new ObjectMapper().writeValueAsString(trained.inputs().classNames()),
                    session.getMetadata().getCustomMetadata().get("class_names"));
        }
    }

    @Test
    void aModelTrainedOnRealMnistHasTheSameTestErrorInOnnxRuntime() throws Exception {
        Path data = realData();
        Path runs = tmp.resolve("runs");
        assertEquals(0, Main.execute("configs/mnist_linear.yaml", "--set", "train.epochs=1", "--runs-dir", runs.toString(),
                "--data-dir", data.toString(), "--offline", "--device", "java"));
        Path run;
        try (Stream<Path> s = Files.list(runs)) { run = s.findFirst().orElseThrow(); }
        Path onnx = tmp.resolve("mnist_linear.onnx");
        assertEquals(0, Main.execute("export", run.toString(), "-o", onnx.toString(), "--checkpoint", "last"));
        double nnrunError = RunSummary.read(run.resolve("summary.json")).finalTestError();

        Dataset test = new DatasetRepository(new DatasetLocator(data, null, Map.of(), tmp), null).load(StandardDataset.MNIST, Split.TEST);
        float[] x = new float[test.size() * test.sampleLength()];
        int[] labels = new int[test.size()];
        for (int i = 0; i < test.size(); i++) {
            test.copyFeatures(i, x, i * test.sampleLength());
            labels[i] = test.label(i);
        }
        try (OrtSession session = ort.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            float[][][] out = run(session, x, batchShape(test.size(), test.sampleShape()));
            assertEquals(nnrunError, (double) errors(flat(out[1]), labels) / test.size(), 1e-12, "test error in ORT vs nnrun's summary");
            assertTrue(nnrunError < 0.12, "one epoch of the linear model learns MNIST: " + nnrunError);
        }
    }

    /** A run folder as training leaves it, with seeded random weights and made-up normalization. */
    private Path fakeRun(ExperimentConfig config, int[] shape) throws Exception {
        Sequential model = new ModelBuilder().build(config.model(), shape, new Generator(config.seed()));
        Generator g = new Generator(11);
        for (Module m : model.layers())
            if (m instanceof BatchNorm bn) {
                // Running statistics unlike the initial 0 and 1, so the export must carry them.
                try (var off = GradMode.off()) {
                    bn.runningMean().copyFrom(Tensor.rand(g, -0.5f, 0.5f, bn.runningMean().shape()));
                    bn.runningVar().copyFrom(Tensor.rand(g, 0.5f, 2f, bn.runningVar().shape()));
                    bn.weight().copyFrom(Tensor.rand(g, 0.5f, 1.5f, bn.weight().shape()));
                    bn.bias().copyFrom(Tensor.rand(g, -0.3f, 0.3f, bn.bias().shape()));
                }
            }
        RunDirectory run = RunDirectory.create(tmp.resolve("runs"), config.name(), Instant.now());
        Files.writeString(run.config(), config.toYaml());
        float[] mean = new float[shape[0]], std = new float[shape[0]];
        for (int c = 0; c < shape[0]; c++) { mean[c] = 0.4f + 0.05f * c; std[c] = 0.25f + 0.02f * c; }
        int outputs = model.outputShape(shape)[0];
        List<String> classes = outputs == 1 ? List.of("negative", "positive") : shape[0] == 1 ? Mnist.CLASS_NAMES : Cifar10.CLASS_NAMES;
        new RunInputs(shape, Optional.of(new Normalization(mean, std)), classes).write(run);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((k, v) -> tensors.put("param." + k, v));
        model.namedBuffers().forEach((k, v) -> tensors.put("buffer." + k, v));
        new Checkpoint(TrainState.start(config.toYaml()), tensors).write(run.bestCheckpoint());
        return run.path();
    }

    private static float[] nnrunScores(TrainedModel trained, float[] raw, int n) {
        int[] shape = trained.inputs().sampleShape();
        int length = trained.inputs().sampleLength();
        float[] x = raw.clone();
        for (int i = 0; i < n; i++) trained.inputs().normalization().orElseThrow().apply(x, i * length, shape);
        try (var off = GradMode.off()) {
            return trained.model().forward(Tensor.of(x, batchShape(n, shape))).toArray();
        }
    }

    /** ORT's two outputs, scores and probabilities, as [output][sample][column]. */
    private static float[][][] run(OrtSession session, float[] x, int[] shape) throws Exception {
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) dims[i] = shape[i];
        try (OnnxTensor input = OnnxTensor.createTensor(ort, FloatBuffer.wrap(x), dims);
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, input))) {
            return new float[][][] {(float[][]) result.get(OnnxExporter.SCORES).orElseThrow().getValue(),
                    (float[][]) result.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue()};
        }
    }

    /** nnrun's own count: argmax of the scores, or score > 0 for one column. */
    private static int errors(float[] scores, int[] labels, ClassProbabilities kind) {
        if (kind != ClassProbabilities.SIGMOID_OF_ONE_LOGIT) return errors(scores, labels);
        int errors = 0;
        for (int i = 0; i < labels.length; i++) if ((scores[i] > 0 ? 1 : 0) != labels[i]) errors++;
        return errors;
    }

    private static int errors(float[] rows, int[] labels) {
        int columns = rows.length / labels.length, errors = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < columns; j++) if (rows[i * columns + j] > rows[i * columns + best]) best = j;
            if (best != labels[i]) errors++;
        }
        return errors;
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        return out;
    }

    private static int[] batchShape(int n, int[] sample) {
        int[] s = new int[sample.length + 1];
        s[0] = n;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }

    /** The real data root: -Dnnrun.data, $NNRUN_DATA, or ../shared/data; the test is skipped without MNIST there. */
    private static Path realData() {
        String property = System.getProperty("nnrun.data");
        String env = System.getenv("NNRUN_DATA");
        Path root = property != null && !property.isBlank() ? Path.of(property)
                : env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "data");
        assumeTrue(Files.isDirectory(root.resolve(Mnist.FOLDER)), "no real MNIST under " + root.toAbsolutePath()
                + "; set NNRUN_DATA to run this test");
        return root.toAbsolutePath();
    }
}
