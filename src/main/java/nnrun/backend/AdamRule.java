package nnrun.backend;

/**
 * PyTorch's Adam (and AdamW, with decay decoupled) for one parameter at one step, with the step's
 * bias corrections already folded in:
 * <pre>
 * Adam:  d = g + weightDecay·w             AdamW: w = w·shrink, d = g
 * m = β1·m + (1 − β1)·d;  v = β2·v + (1 − β2)·d²
 * w = w − stepSize · m / (√v / correction2Sqrt + eps)
 * </pre>
 * with stepSize = lr/(1 − β1^t), correction2Sqrt = √(1 − β2^t) and shrink = 1 − lr·weightDecay.
 * {@link #apply} is the element loop the reference and Java backends run.
 */
public record AdamRule(float stepSize, float beta1, float beta2, float eps, float correction2Sqrt, float weightDecay,
                       boolean decoupled, float shrink) {

    /** The rule at step t (1-based) of a parameter. */
    public static AdamRule at(long t, double lr, float beta1, float beta2, float eps, float weightDecay, boolean decoupled) {
        return new AdamRule((float) (lr / (1 - Math.pow(beta1, t))), beta1, beta2, eps, (float) Math.sqrt(1 - Math.pow(beta2, t)),
                weightDecay, decoupled, (float) (1 - lr * weightDecay));
    }

    /** Updates w[from, to) and the moment buffers m and v from g. */
    public void apply(float[] w, float[] g, float[] m, float[] v, int from, int to) {
        for (int i = from; i < to; i++) {
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
