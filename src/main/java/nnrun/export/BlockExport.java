package nnrun.export;

import nnrun.nn.Module;

/** How one kind of nnrun block is written as ONNX nodes; registered in {@link BlockExports}. */
@FunctionalInterface
public interface BlockExport<M extends Module> {
    /**
     * Adds the nodes computing {@code block} in eval mode from the value named {@code input}, and
     * returns the name of the value they output. {@code name} is the block's index in the model,
     * the prefix of its parameters' names.
     */
    String export(M block, String name, String input, OnnxGraph graph);
}
