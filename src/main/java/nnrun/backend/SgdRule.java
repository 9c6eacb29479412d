package nnrun.backend;

/**
 * PyTorch's SGD rule for one parameter at one step: d = g + weightDecay·w; with momentum μ,
 * b = d on the first step, else b = μ·b + (1 − dampening)·d, and d = d + μ·b (Nesterov) or b;
 * then w = w − lr·d. {@link #apply} is the element loop every backend must match bit for bit
 * (same operations in the same order, no fused multiply-adds).
 */
public record SgdRule(float lr, float momentum, float dampening, float weightDecay, boolean nesterov, boolean firstStep) {

    public boolean usesBuffer() { return momentum != 0f; }

    /** Updates w[from, to) (and the momentum buffer b, when the rule has momentum) from g. */
    public void apply(float[] w, float[] g, float[] b, int from, int to) {
        float keep = 1 - dampening;
        for (int i = from; i < to; i++) {
            float d = weightDecay != 0f ? g[i] + weightDecay * w[i] : g[i];
            if (momentum != 0f) {
                b[i] = firstStep ? d : momentum * b[i] + keep * d;
                d = nesterov ? d + momentum * b[i] : b[i];
            }
            w[i] -= lr * d;
        }
    }
}
