package nnrun.backend;

/** Elementwise functions of two operands a backend evaluates over flat buffers. */
public enum Binary {
    ADD, SUB, MUL, DIV, MAX, MIN, POW;

    /** Scalar definition: the reference every backend is checked against. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> (float) Math.pow(a, b);
        };
    }
}
