package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.SgdRule;

/** PyTorch's SGD (the rule is {@link SgdRule}), run as one fused backend kernel per parameter. */
public final class Sgd extends Optimizer {
    private final float momentum, dampening, weightDecay;
    private final boolean nesterov;

    public Sgd(Map<String, Tensor> params, double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super("sgd", params, lr);
        if (momentum < 0 || weightDecay < 0)
            throw new IllegalArgumentException("sgd: momentum and weight_decay must be 0 or more");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new IllegalArgumentException("sgd: nesterov needs momentum > 0 and dampening 0 (as in PyTorch)");
        this.momentum = (float) momentum;
        this.dampening = (float) dampening;
        this.nesterov = nesterov;
        this.weightDecay = (float) weightDecay;
    }

    public Sgd(Map<String, Tensor> params, double lr) { this(params, lr, 0, 0, false, 0); }

    @Override protected void update(String param, float[] w, float[] g, long t) {
        SgdRule rule = new SgdRule((float) learningRate(), momentum, dampening, weightDecay, nesterov, t == 1);
        float[] b = rule.usesBuffer() ? buffer(param, "momentum_buffer", w.length) : null;
        Backends.current().sgdUpdate(rule, w, g, b, w.length);
    }
}
