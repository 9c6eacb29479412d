package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;

/**
 * PyTorch's Adam, and AdamW when weights decay decoupled:
 * <pre>
 * Adam:  g ← g + wd·w                    AdamW: w ← w·(1 − lr·wd)
 * m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 * w ← w − lr/(1 − β1^t) · m / (√v/√(1 − β2^t) + eps)
 * </pre>
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
        double lr = learningRate();
        float[] m = buffer(param, "exp_avg", w.length), v = buffer(param, "exp_avg_sq", w.length);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float shrink = (float) (1 - lr * weightDecay);
        for (int i = 0; i < w.length; i++) {
            float d = g[i];
            if (weightDecay != 0) {
                if (decoupled) w[i] *= shrink;
                else d += weightDecay * w[i];
            }
            m[i] = beta1 * m[i] + (1 - beta1) * d;
            v[i] = beta2 * v[i] + (1 - beta2) * d * d;
            w[i] -= stepSize * (m[i] / ((float) Math.sqrt(v[i]) / correction2Sqrt + eps));
        }
    }
}
