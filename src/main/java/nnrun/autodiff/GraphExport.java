package nnrun.autodiff;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded graph behind a tensor as Graphviz DOT, drawn the way the slides draw it: inputs
 * at the top, the output at the bottom. Op nodes are boxes named like their grad_fn
 * ({@code MatMulBackward}); leaves that require grad are blue ellipses with their label and
 * shape; inputs that need no gradient (data, constants) are grey; edges carry the tensor shapes.
 * Render with {@code dot -Tsvg graph.dot -o graph.svg}.
 */
public final class GraphExport {
    private GraphExport() {}

    public static String toDot(Tensor root) {
        StringBuilder dot = new StringBuilder("digraph autograd {\n")
                .append("  node [fontname=\"Helvetica\", fontsize=11];\n")
                .append("  output [shape=ellipse, style=filled, fillcolor=\"#d9f2d9\", label=\"")
                .append(escape(describe(root.label() != null ? root.label() : "output", root.shape()))).append("\"];\n");
        Node start = root.gradFn();
        if (start == null) return dot.append("}\n").toString();

        List<Node> order = Autograd.topologicalOrder(start);
        Map<Node, String> ids = new IdentityHashMap<>();
        for (int k = 0; k < order.size(); k++) ids.put(order.get(k), "n" + k);
        int constants = 0;
        for (Node node : order) {
            String id = ids.get(node);
            if (node instanceof AccumulateGrad sink) {
                Tensor leaf = sink.leaf;
                dot.append("  ").append(id).append(" [shape=ellipse, style=filled, fillcolor=\"#cfe2ff\", label=\"")
                        .append(escape(describe(leaf.label() != null ? leaf.label() : "leaf", leaf.shape()))).append("\"];\n");
                continue;
            }
            dot.append("  ").append(id).append(" [shape=box, label=\"").append(escape(node.name())).append("\"];\n");
            for (int i = 0; i < node.next.length; i++) {
                String shape = Shapes.str(node.inputShapes[i]);
                String from;
                if (node.next[i] != null) from = ids.get(node.next[i]);
                else {
                    from = "c" + constants++;
                    dot.append("  ").append(from).append(" [shape=ellipse, style=filled, fillcolor=\"#eeeeee\", label=\"")
                            .append(escape(describe("no grad", node.inputShapes[i]))).append("\"];\n");
                }
                dot.append("  ").append(from).append(" -> ").append(id).append(" [label=\"").append(escape(shape)).append("\"];\n");
            }
        }
        dot.append("  ").append(ids.get(start)).append(" -> output [label=\"").append(escape(Shapes.str(root.shape()))).append("\"];\n");
        return dot.append("}\n").toString();
    }

    private static String describe(String name, int[] shape) { return name + "\n" + Shapes.str(shape); }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"); }
}
