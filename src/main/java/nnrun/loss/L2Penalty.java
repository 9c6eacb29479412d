package nnrun.loss;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import nnrun.autodiff.Tensor;
import nnrun.nn.Module;

/**
 * The slides' regularization term: with a Gaussian prior p(w) ∝ exp(−λ/2·‖w‖²), the MAP
 * objective Σ −log p(y|x,w) − log p(w) adds (λ/2)·Σ‖w‖² (up to a constant) to the data loss.
 * Its gradient λ·w is what SGD's weight_decay = λ adds directly.
 */
public final class L2Penalty {
    private L2Penalty() {}

    /** (λ/2)·Σ‖w‖² over the given tensors, as a scalar in the graph. */
    public static Tensor of(Collection<Tensor> weights, double lambda) {
        Tensor total = Tensor.scalar(0f);
        for (Tensor w : weights) total = total.add(w.mul(w).sum());
        return total.mul((float) (lambda / 2));
    }

    /** The weights usually regularized: matrices and filters (rank ≥ 2), not biases or batch-norm scales. */
    public static List<Tensor> weightsOf(Module model) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : model.parameters()) if (p.rank() >= 2) out.add(p);
        return out;
    }
}
