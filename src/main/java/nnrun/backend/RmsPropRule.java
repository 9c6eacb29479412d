package nnrun.backend;

/**
 * PyTorch's RMSprop for one parameter at one step: d = g + weightDecay·w; v = α·v + (1 − α)·d²;
 * centered: a = α·a + (1 − α)·d and v̂ = v − a², else v̂ = v; s = √v̂ + eps; with momentum μ,
 * b = μ·b + d/s and w = w − lr·b, else w = w − lr·d/s. {@link #apply} is the element loop the
 * reference and Java backends run.
 */
public record RmsPropRule(float lr, float alpha, float eps, float weightDecay, float momentum, boolean centered) {

    public boolean usesMomentum() { return momentum > 0; }

    /** Updates w[from, to), the square average v, the gradient average a (centered only) and the momentum buffer b. */
    public void apply(float[] w, float[] g, float[] v, float[] a, float[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            float d = weightDecay != 0 ? g[i] + weightDecay * w[i] : g[i];
            v[i] = alpha * v[i] + (1 - alpha) * d * d;
            float meanSq = v[i];
            if (centered) {
                a[i] = alpha * a[i] + (1 - alpha) * d;
                meanSq -= a[i] * a[i];
            }
            float s = (float) Math.sqrt(meanSq) + eps;
            if (usesMomentum()) {
                b[i] = momentum * b[i] + d / s;
                w[i] -= lr * b[i];
            } else {
                w[i] -= lr * (d / s);
            }
        }
    }
}
