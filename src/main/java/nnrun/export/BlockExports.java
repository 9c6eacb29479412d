package nnrun.export;

import static nnrun.export.OnnxGraph.integer;
import static nnrun.export.OnnxGraph.ints;
import static nnrun.export.OnnxGraph.real;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nnrun.autodiff.Tensor;
import nnrun.nn.AvgPool2d;
import nnrun.nn.BatchNorm;
import nnrun.nn.BatchNorm1d;
import nnrun.nn.BatchNorm2d;
import nnrun.nn.Conv2d;
import nnrun.nn.Dropout;
import nnrun.nn.Flatten;
import nnrun.nn.GlobalAvgPool;
import nnrun.nn.LeakyReLU;
import nnrun.nn.Linear;
import nnrun.nn.MaxPool2d;
import nnrun.nn.Module;
import nnrun.nn.ReLU;
import nnrun.nn.Sigmoid;
import nnrun.nn.Softmax;
import nnrun.nn.Tanh;

/** The ONNX (opset 13) translation of every nnrun block, one line each; a new block adds its line here. */
public final class BlockExports {
    private static final Map<Class<? extends Module>, BlockExport<? extends Module>> EXPORTS = new LinkedHashMap<>();

    static {
        register(Linear.class, (b, n, in, g) -> g.node("Gemm", n, withBias(List.of(in, g.constant(n + ".weight", b.weight())), n, b.bias(), g),
                integer("transB", 1)));
        register(Conv2d.class, (b, n, in, g) -> g.node("Conv", n, withBias(List.of(in, g.constant(n + ".weight", b.weight())), n, b.bias(), g),
                ints("kernel_shape", b.kernel()), ints("strides", b.stride()), pads(b.padding()), ints("dilations", b.dilation())));
        register(MaxPool2d.class, (b, n, in, g) -> g.node("MaxPool", n, List.of(in),
                ints("kernel_shape", b.kernel()), ints("strides", b.stride()), pads(b.padding())));
        // nnrun's average counts padded positions as zeros, like PyTorch's default.
        register(AvgPool2d.class, (b, n, in, g) -> g.node("AveragePool", n, List.of(in),
                ints("kernel_shape", b.kernel()), ints("strides", b.stride()), pads(b.padding()), integer("count_include_pad", 1)));
        register(GlobalAvgPool.class, (b, n, in, g) -> g.node("Flatten", n + ".flatten",
                List.of(g.node("GlobalAveragePool", n, List.of(in))), integer("axis", 1)));
        register(Flatten.class, (b, n, in, g) -> g.node("Flatten", n, List.of(in), integer("axis", 1)));
        register(ReLU.class, (b, n, in, g) -> g.node("Relu", n, List.of(in)));
        register(LeakyReLU.class, (b, n, in, g) -> g.node("LeakyRelu", n, List.of(in), real("alpha", b.slope())));
        register(Sigmoid.class, (b, n, in, g) -> g.node("Sigmoid", n, List.of(in)));
        register(Tanh.class, (b, n, in, g) -> g.node("Tanh", n, List.of(in)));
        register(Softmax.class, (b, n, in, g) -> g.node("Softmax", n, List.of(in), integer("axis", 1)));
        register(BatchNorm1d.class, BlockExports::batchNorm);
        register(BatchNorm2d.class, BlockExports::batchNorm);
        // Dropout passes values through unchanged at inference.
        register(Dropout.class, (b, n, in, g) -> in);
    }

    private BlockExports() {}

    private static <M extends Module> void register(Class<M> kind, BlockExport<M> export) { EXPORTS.put(kind, export); }

    /** The translation of a block's class, if nnrun knows one. */
    @SuppressWarnings("unchecked")
    public static <M extends Module> Optional<BlockExport<M>> of(M block) {
        return Optional.ofNullable((BlockExport<M>) EXPORTS.get(block.getClass()));
    }

    /** Every block class that can be exported. */
    public static List<Class<? extends Module>> kinds() { return new ArrayList<>(EXPORTS.keySet()); }

    /** Eval-mode batch norm: the running statistics, not the batch's. */
    private static String batchNorm(BatchNorm b, String n, String in, OnnxGraph g) {
        return g.node("BatchNormalization", n, List.of(in, g.constant(n + ".weight", b.weight()), g.constant(n + ".bias", b.bias()),
                g.constant(n + ".running_mean", b.runningMean()), g.constant(n + ".running_var", b.runningVar())), real("epsilon", b.eps()));
    }

    private static List<String> withBias(List<String> inputs, String n, Tensor bias, OnnxGraph g) {
        if (bias == null) return inputs;
        List<String> all = new ArrayList<>(inputs);
        all.add(g.constant(n + ".bias", bias));
        return all;
    }

    /** nnrun pads both sides of an axis alike; ONNX lists the starts, then the ends. */
    private static nnrun.export.onnx.AttributeProto pads(int[] padding) {
        return ints("pads", padding[0], padding[1], padding[0], padding[1]);
    }
}
