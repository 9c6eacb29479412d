package nnrun.loss;

import nnrun.autodiff.Tensor;

/**
 * A training objective: the mean over the batch of a per-sample loss, as a scalar tensor that
 * backward() can start from. Labels are the batch's class indices as the data gives them; a
 * classification loss reads them as classes, the others as the target value of a single output.
 */
public interface Loss {
    Tensor compute(Tensor output, int[] labels);

    /** The config name, e.g. "cross_entropy". */
    String name();

    /**
     * Whether a model with {@code outputs} values per sample can be trained with this loss on
     * data of {@code classes} classes; the problem in words when not. Checked before training,
     * so a mismatch is a config error rather than a failure at the first batch.
     */
    default java.util.Optional<String> outputMismatch(int outputs, int classes) {
        return outputs == classes ? java.util.Optional.empty()
                : java.util.Optional.of(name() + " needs one output per class: the data has " + classes
                        + " classes, the model ends with " + outputs + " outputs");
    }
}
