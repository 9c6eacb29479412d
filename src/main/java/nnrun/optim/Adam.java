package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;
import nnrun.backend.AdamRule;
import nnrun.backend.Backends;

/**
 * PyTorch's Adam, and AdamW when weights decay decoupled ({@link AdamRule} gives the rule), run
 * as one fused backend kernel per parameter.
 */
public class Adam extends Optimizer {
    private final float beta1, beta2, eps, weightDecay;
    private final boolean decoupled;

    Adam(String name, Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
         boolean decoupled) {
        super(name, params, lr);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1))
            throw new IllegalArgumentException(name + ": betas must be in [0, 1), got [" + beta1 + ", " + beta2 + "]");
        if (!(eps >= 0) || !(weightDecay >= 0))
            throw new IllegalArgumentException(name + ": eps and weight_decay must be 0 or more");
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        this.decoupled = decoupled;
    }

    /** Adam with L2 weight decay added to the gradient (PyTorch's torch.optim.Adam). */
    public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this("adam", params, lr, beta1, beta2, eps, weightDecay, false);
    }

    /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(Map<String, Tensor> params) { this(params, 1e-3, 0.9, 0.999, 1e-8, 0); }

    @Override protected final void update(String param, float[] w, float[] g, long t) {
        float[] m = buffer(param, "exp_avg", w.length), v = buffer(param, "exp_avg_sq", w.length);
        Backends.current().adamUpdate(AdamRule.at(t, learningRate(), beta1, beta2, eps, weightDecay, decoupled), w, g, m, v, w.length);
    }
}
