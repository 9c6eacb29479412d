package nnrun.config;

/**
 * How much of the training set is held out for validation: a fraction ({@code validation: 0.1})
 * or a count of examples ({@code validation: 5000}). At most one of the two is non-zero.
 */
public record ValidationSpec(double fraction, int count) {
    public static final ValidationSpec NONE = new ValidationSpec(0, 0);

    public static ValidationSpec ofFraction(double fraction) {
        return new ValidationSpec(fraction, 0);
    }

    public static ValidationSpec ofCount(int count) {
        return new ValidationSpec(0, count);
    }

    public boolean isNone() {
        return fraction == 0 && count == 0;
    }

    /** The number of held-out examples out of {@code trainingExamples}. */
    public int examplesOutOf(int trainingExamples) {
        return count > 0 ? count : (int) Math.round(fraction * trainingExamples);
    }
}
