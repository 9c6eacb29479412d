package nnrun.loss;

import nnrun.autodiff.Tensor;

/** Mean squared error of a single output against the label's value, mean((output − label)²), as PyTorch's MSELoss. */
public final class MseLoss implements Loss {
    @Override public Tensor compute(Tensor output, int[] labels) {
        Tensor diff = output.sub(Targets.values(name(), output, labels));
        return diff.mul(diff).mean();
    }

    @Override public String name() { return "mse"; }

    /** One output regressed onto the label's value. */
    @Override public java.util.Optional<String> outputMismatch(int outputs, int classes) {
        return outputs == 1 ? java.util.Optional.empty()
                : java.util.Optional.of("mse regresses one output onto the label; the model ends with " + outputs + " outputs");
    }
}
