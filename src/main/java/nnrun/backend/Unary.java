package nnrun.backend;

/** Elementwise functions a backend evaluates over a flat buffer. */
public enum Unary {
    NEG, EXP, LOG, SQRT, ABS, SIN, COS, TANH, SIGMOID, RELU,
    /** −1, 0 or 1, keeping ±0 and NaN (abs's VJP: g·sign(x), so sign(0) = 0 as in PyTorch). */
    SIGN;

    /** Scalar definition: the reference every backend is checked against. */
    public float apply(float x) {
        return switch (this) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> x >= 0 ? (float) (1.0 / (1.0 + Math.exp(-x))) : (float) (Math.exp(x) / (1.0 + Math.exp(x)));
            case RELU -> x > 0 ? x : 0f;
            case SIGN -> Math.signum(x);
        };
    }
}
