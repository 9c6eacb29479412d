package nnrun.export;

import static nnrun.export.OnnxGraph.integer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nnrun.data.Normalization;
import nnrun.export.onnx.ModelProto;
import nnrun.export.onnx.OperatorSetIdProto;
import nnrun.export.onnx.StringStringEntryProto;
import nnrun.export.onnx.TensorProto;
import nnrun.export.onnx.TensorShapeProto;
import nnrun.export.onnx.TypeProto;
import nnrun.export.onnx.ValueInfoProto;
import nnrun.nn.Module;
import nnrun.nn.Sequential;
import nnrun.run.AtomicFiles;
import nnrun.run.ClassProbabilities;
import nnrun.run.RunInputs;
import nnrun.run.RunSummary;
import nnrun.run.TrainedModel;

/**
 * A trained model as an ONNX model (opset 13): input {@value #INPUT} [batch, sample shape] with
 * values as nnrun's loaders give them (pixels / 255), the run's normalization as the first nodes,
 * every block in eval mode (dropout gone, batch norm on running statistics), and two outputs:
 * {@value #SCORES}, what nnrun's model outputs (logits for a cross_entropy model), and
 * {@value #PROBABILITIES}, the class probabilities as {@link ClassProbabilities} defines them.
 * Class names and the normalization are in the model's metadata.
 */
public final class OnnxExporter {
    public static final int OPSET = 13;
    /** IR version 7 is what the ONNX release that introduced opset 13 writes; every runtime with opset 13 reads it. */
    static final long IR_VERSION = 7;
    public static final String INPUT = "input", SCORES = "scores", PROBABILITIES = "probabilities";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxExporter() {}

    public static void write(TrainedModel trained, Path file) throws IOException {
        ModelProto model = export(trained);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicFiles.write(file, model::writeTo);
    }

    public static ModelProto export(TrainedModel trained) {
        RunInputs inputs = trained.inputs();
        Sequential model = trained.model();
        int[] sample = inputs.sampleShape();
        OnnxGraph graph = new OnnxGraph(trained.config().name());
        String value = inputs.normalization().map(n -> normalize(n, sample, graph)).orElse(INPUT);
        List<Module> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) value = block(layers.get(i), Integer.toString(i), value, graph);
        graph.nodeWithOutput("Identity", SCORES, List.of(value), SCORES);
        int[] scoreShape = model.outputShape(sample);
        int classes = probabilities(ClassProbabilities.of(model, sample), graph, scoreShape);

        graph.proto().addInput(floatTensor(INPUT, sample))
                .addOutput(floatTensor(SCORES, scoreShape))
                .addOutput(floatTensor(PROBABILITIES, new int[] {classes}));
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("nnrun").setProducerVersion(RunSummary.currentVersions().get("nnrun"))
                .setDocString("nnrun run " + trained.run().path().getFileName() + ", checkpoint " + trained.checkpoint().getFileName())
                .setGraph(graph.proto());
        metadata(trained).forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** x' = (x − mean)·(1/std) per channel, the arithmetic of {@link Normalization#apply}. */
    private static String normalize(Normalization n, int[] sample, OnnxGraph graph) {
        float[] mean = n.mean(), std = n.std(), invStd = new float[std.length];
        for (int c = 0; c < std.length; c++) invStd[c] = 1f / std[c];
        int[] channelShape = new int[sample.length];
        Arrays.fill(channelShape, 1);
        channelShape[0] = sample[0];
        String centred = graph.node("Sub", "normalize.sub", List.of(INPUT, graph.constant("normalize.mean", mean, channelShape)));
        return graph.node("Mul", "normalize.scale", List.of(centred, graph.constant("normalize.inv_std", invStd, channelShape)));
    }

    private static <M extends Module> String block(M block, String name, String input, OnnxGraph graph) {
        BlockExport<M> export = BlockExports.of(block).orElseThrow(() -> new IllegalStateException("block " + name + ", "
                + block.describe() + ", has no ONNX translation; add one in nnrun.export.BlockExports"));
        return export.export(block, name, input, graph);
    }

    /** Adds the probabilities output; returns its width. */
    private static int probabilities(ClassProbabilities kind, OnnxGraph graph, int[] scoreShape) {
        switch (kind) {
            case GIVEN_BY_MODEL -> graph.nodeWithOutput("Identity", PROBABILITIES, List.of(SCORES), PROBABILITIES);
            case SOFTMAX_OF_LOGITS -> graph.nodeWithOutput("Softmax", PROBABILITIES, List.of(SCORES), PROBABILITIES, integer("axis", 1));
            case SIGMOID_OF_ONE_LOGIT -> {
                String p1 = graph.node("Sigmoid", "probability_of_1", List.of(SCORES));
                String p0 = graph.node("Sub", "probability_of_0", List.of(graph.constant("one", new float[] {1f}, 1), p1));
                graph.nodeWithOutput("Concat", PROBABILITIES, List.of(p0, p1), PROBABILITIES, integer("axis", 1));
                return 2;
            }
        }
        return scoreShape[0];
    }

    private static Map<String, String> metadata(TrainedModel trained) {
        RunInputs inputs = trained.inputs();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("class_names", json(inputs.classNames()));
        meta.put("input_normalization", inputs.normalization().map(n -> json(Map.of("mean", n.mean(), "std", n.std()))).orElse("none"));
        meta.put("input_values", "per-sample shape " + Arrays.toString(inputs.sampleShape())
                + ", values as nnrun's loaders give them (image bytes / 255, CSV values as they are); the graph normalizes them");
        meta.put("nnrun_run", trained.run().path().getFileName().toString());
        meta.put("nnrun_checkpoint", trained.checkpoint().getFileName().toString());
        meta.put("nnrun_config", trained.config().toYaml());
        return meta;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ValueInfoProto floatTensor(String name, int[] sample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : sample) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
