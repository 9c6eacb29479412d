package nnrun.run;

import nnrun.autodiff.GraphExport;
import nnrun.autodiff.Tensor;
import nnrun.nn.Module;

/** The computational graph of a model's forward pass on one sample, as Graphviz DOT. */
public final class ModelGraph {
    private ModelGraph() {}

    public static String dot(Module model, int[] sampleShape) {
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = 1;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        boolean training = model.isTraining();
        model.eval(); // no dropout masks in the picture
        try {
            return GraphExport.toDot(model.forward(Tensor.zeros(shape).label("input")));
        } finally {
            if (training) model.train();
        }
    }
}
