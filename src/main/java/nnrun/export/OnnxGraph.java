package nnrun.export;

import java.util.List;

import nnrun.autodiff.Tensor;
import nnrun.export.onnx.AttributeProto;
import nnrun.export.onnx.GraphProto;
import nnrun.export.onnx.NodeProto;
import nnrun.export.onnx.TensorProto;

/** An ONNX graph being built node by node; constants become initializers. Callers keep node names unique. */
public final class OnnxGraph {
    private final GraphProto.Builder graph;

    OnnxGraph(String name) { graph = GraphProto.newBuilder().setName(name); }

    /** A float constant (weights, statistics) under the given name, which it returns. */
    public String constant(String name, float[] data, int... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int d : dims) t.addDims(d);
        for (float v : data) t.addFloatData(v);
        graph.addInitializer(t);
        return name;
    }

    /** A parameter or buffer of a block, under nnrun's own name for it (e.g. "3.weight"). */
    public String constant(String name, Tensor value) { return constant(name, value.toArray(), value.shape()); }

    /** Appends a node of the given operator and returns the name of its one output, "{name}_out". */
    public String node(String opType, String name, List<String> inputs, AttributeProto... attributes) {
        return nodeWithOutput(opType, name, inputs, name + "_out", attributes);
    }

    /** Appends a node whose one output gets the given name (a graph output's), which it returns. */
    public String nodeWithOutput(String opType, String name, List<String> inputs, String output, AttributeProto... attributes) {
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addOutput(output)
                .addAllAttribute(List.of(attributes)));
        return output;
    }

    public static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) a.addInts(v);
        return a.build();
    }

    public static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    GraphProto.Builder proto() { return graph; }
}
