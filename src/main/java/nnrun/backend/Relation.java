package nnrun.backend;

/**
 * Elementwise relations of two operands that make masks ({@link Backend#compare}): 1 where a
 * relation holds and 0 where not. The two preferences are the weights of an elementwise max or min:
 * 1 where a is preferred, 0 where b is, ½ on a tie (so the gradient splits between equal operands),
 * and a NaN operand is preferred, so NaN propagates.
 */
public enum Relation {
    GREATER, LESS, NOT_EQUAL, PREFERS_LARGER, PREFERS_SMALLER;

    /** Scalar definition: the reference every backend is checked against. */
    public float apply(float a, float b) {
        return switch (this) {
            case GREATER -> a > b ? 1f : 0f;
            case LESS -> a < b ? 1f : 0f;
            case NOT_EQUAL -> a != b ? 1f : 0f;
            case PREFERS_LARGER -> preference(a, b, a > b);
            case PREFERS_SMALLER -> preference(a, b, a < b);
        };
    }

    private static float preference(float a, float b, boolean aBeatsB) {
        if (Float.isNaN(a) || Float.isNaN(b)) return Float.isNaN(a) ? 1f : 0f;
        return a == b ? 0.5f : aBeatsB ? 1f : 0f;
    }
}
