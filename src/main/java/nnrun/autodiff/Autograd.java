package nnrun.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Records ops into the graph and runs reverse mode over it. */
public final class Autograd {
    /** True while a JVP runs: its arithmetic uses primal values and must not propagate tangents itself. */
    private static final ThreadLocal<Boolean> IN_JVP = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Autograd() {}

    /**
     * Links a freshly computed output to its op: in grad mode, if any input requires a gradient,
     * the output gets {@code node} as its gradFn; if any input carries a forward-mode tangent, the
     * output gets its tangent from the node's JVP. Returns {@code out}. O(inputs) per op.
     */
    public static Tensor record(Node node, Tensor out, Tensor... inputs) {
        boolean anyTangent = false;
        if (!IN_JVP.get()) for (Tensor in : inputs) anyTangent |= in.tangent != null;
        if (GradMode.isEnabled()) {
            boolean needsGrad = false;
            for (Tensor in : inputs) needsGrad |= in.requiresGrad();
            if (needsGrad) {
                node.next = new Node[inputs.length];
                node.inputShapes = new int[inputs.length][];
                for (int i = 0; i < inputs.length; i++) {
                    node.next[i] = inputs[i].gradientSink();
                    node.inputShapes[i] = inputs[i].shape();
                }
                out.gradFn = node;
                out.requiresGrad = true;
            }
        }
        if (anyTangent) {
            Tensor[] tangents = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++)
                tangents[i] = inputs[i].tangent != null ? inputs[i].tangent : Tensor.zeros(inputs[i].shape());
            IN_JVP.set(Boolean.TRUE);
            try (var s = GradMode.off()) {
                out.tangent = node.jvp(tangents);
            } finally {
                IN_JVP.set(Boolean.FALSE);
            }
        }
        return out;
    }

    /** Reverse mode from {@code root} with upstream gradient {@code seed} (root's shape). */
    static void backward(Tensor root, Tensor seed, boolean retainGraph) {
        if (!java.util.Arrays.equals(root.shape(), seed.shape()))
            throw new ShapeException("backward: the upstream gradient has shape " + Shapes.str(seed.shape())
                    + " but the output has shape " + Shapes.str(root.shape()));
        Node start = root.gradientSink();
        if (start == null)
            throw new IllegalStateException("backward: the tensor does not require grad and has no grad_fn; "
                    + "create the inputs with requiresGrad(true)");
        List<Node> order = topologicalOrder(start);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(start, seed);
        try (var s = GradMode.off()) {
            for (int k = order.size() - 1; k >= 0; k--) {
                Node node = order.get(k);
                Tensor g = pending.remove(node);
                if (g == null) continue;
                Tensor[] inputGrads = node.runVjp(g);
                for (int i = 0; i < node.next.length; i++) {
                    Node target = node.next[i];
                    if (target == null || inputGrads[i] == null) continue;
                    if (!java.util.Arrays.equals(inputGrads[i].shape(), node.inputShapes[i]))
                        throw new IllegalStateException(node.name() + " returned a gradient of shape "
                                + Shapes.str(inputGrads[i].shape()) + " for input " + i + " of shape "
                                + Shapes.str(node.inputShapes[i]) + " (a bug in that op's VJP)");
                    // Several paths into one node: their contributions are summed.
                    pending.merge(target, inputGrads[i], Tensor::add);
                }
                // A leaf's sink outlives this graph: the next iteration's graph reuses it.
                if (!retainGraph && !(node instanceof AccumulateGrad)) node.release();
            }
        }
    }

    /** Nodes reachable from start, each after all nodes that feed it (start last). Iterative DFS. */
    static List<Node> topologicalOrder(Node start) {
        List<Node> order = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        stack.push(start);
        nextChild.push(0);
        seen.put(start, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            int i = nextChild.pop();
            if (i < n.next.length) {
                nextChild.push(i + 1);
                Node child = n.next[i];
                if (child != null && seen.put(child, Boolean.TRUE) == null) {
                    stack.push(child);
                    nextChild.push(0);
                }
            } else {
                stack.pop();
                order.add(n);
            }
        }
        return order;
    }
}
