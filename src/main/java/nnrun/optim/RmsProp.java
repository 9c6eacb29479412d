package nnrun.optim;

import java.util.Map;

import nnrun.autodiff.Tensor;

/**
 * PyTorch's RMSprop: g ← g + wd·w; v ← α·v + (1 − α)·g²; centered: a ← α·a + (1 − α)·g and
 * v̂ = v − a², else v̂ = v; s = √v̂ + eps; with momentum μ, b ← μ·b + g/s and w ← w − lr·b,
 * else w ← w − lr·g/s.
 */
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
        float lr = (float) learningRate();
        float[] v = buffer(param, "square_avg", w.length);
        float[] a = centered ? buffer(param, "grad_avg", w.length) : null;
        float[] b = momentum > 0 ? buffer(param, "momentum_buffer", w.length) : null;
        for (int i = 0; i < w.length; i++) {
            float d = weightDecay != 0 ? g[i] + weightDecay * w[i] : g[i];
            v[i] = alpha * v[i] + (1 - alpha) * d * d;
            float meanSq = v[i];
            if (a != null) {
                a[i] = alpha * a[i] + (1 - alpha) * d;
                meanSq -= a[i] * a[i];
            }
            float s = (float) Math.sqrt(meanSq) + eps;
            if (b != null) {
                b[i] = momentum * b[i] + d / s;
                w[i] -= lr * b[i];
            } else {
                w[i] -= lr * (d / s);
            }
        }
    }
}
