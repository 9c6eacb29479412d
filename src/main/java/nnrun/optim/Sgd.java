package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;

/**
 * PyTorch's SGD: g ← g + wd·w; with momentum μ, b ← g on the first step, else b ← μ·b + (1 − dampening)·g;
 * then g ← g + μ·b (Nesterov) or g ← b; finally w ← w − lr·g.
 */
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
        float lr = (float) learningRate();
        float[] b = momentum != 0 ? buffer(param, "momentum_buffer", w.length) : null;
        for (int i = 0; i < w.length; i++) {
            float d = weightDecay != 0 ? g[i] + weightDecay * w[i] : g[i];
            if (b != null) {
                b[i] = t == 1 ? d : momentum * b[i] + (1 - dampening) * d;
                d = nesterov ? d + momentum * b[i] : b[i];
            }
            w[i] -= lr * d;
        }
    }
}
