package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.RmsPropRule;

/** PyTorch's RMSprop ({@link RmsPropRule} gives the rule), run as one fused backend kernel per parameter. */
public final class RmsProp extends Optimizer {
    private final float alpha, eps, weightDecay, momentum;
    private final boolean centered;

    public RmsProp(Map<String, Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum,
                   boolean centered) {
        super("rmsprop", params, lr);
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("rmsprop: alpha must be in [0, 1], got " + alpha);
        if (!(eps >= 0) || !(weightDecay >= 0) || !(momentum >= 0))
            throw new IllegalArgumentException("rmsprop: eps, weight_decay and momentum must be 0 or more");
        this.alpha = (float) alpha;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
        this.momentum = (float) momentum;
        this.centered = centered;
    }

    @Override protected void update(String param, float[] w, float[] g, long t) {
        RmsPropRule rule = new RmsPropRule((float) learningRate(), alpha, eps, weightDecay, momentum, centered);
        float[] v = buffer(param, "square_avg", w.length);
        float[] a = centered ? buffer(param, "grad_avg", w.length) : null;
        float[] b = rule.usesMomentum() ? buffer(param, "momentum_buffer", w.length) : null;
        Backends.current().rmsPropUpdate(rule, w, g, v, a, b, w.length);
    }
}
