package nnrun.config;

/**
 * The values a numeric option accepts, and what to tell the user when it is outside:
 * {@code Range.greaterThan(0).withFix("set a positive learning rate, e.g. lr: 0.05")}.
 */
public record Range(double low, boolean lowInclusive, double high, boolean highInclusive, String fix) {

    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, null);

    public static Range atLeast(double low) {
        return new Range(low, true, Double.POSITIVE_INFINITY, true, null);
    }

    public static Range greaterThan(double low) {
        return new Range(low, false, Double.POSITIVE_INFINITY, true, null);
    }

    /** [low, high] */
    public static Range closed(double low, double high) {
        return new Range(low, true, high, true, null);
    }

    /** [low, high) */
    public static Range closedOpen(double low, double high) {
        return new Range(low, true, high, false, null);
    }

    /** The same range with a specific fix instead of the generic "choose a value ...". */
    public Range withFix(String fix) {
        return new Range(low, lowInclusive, high, highInclusive, fix);
    }

    public boolean contains(double value) {
        boolean aboveLow = lowInclusive ? value >= low : value > low;
        boolean belowHigh = highInclusive ? value <= high : value < high;
        return aboveLow && belowHigh;
    }

    /** The part of this range that whole numbers of 32 bits can reach, for keys read as an int. */
    public Range ofInts() {
        boolean raiseLow = low < Integer.MIN_VALUE, lowerHigh = high > Integer.MAX_VALUE;
        return new Range(raiseLow ? Integer.MIN_VALUE : low, raiseLow || lowInclusive,
                lowerHigh ? Integer.MAX_VALUE : high, lowerHigh || highInclusive, fix);
    }

    /** "> 0", ">= 1", "<= 10", "in [0, 1)", "finite" (an unbounded range rejects only infinities and NaN). */
    public String requirement() {
        boolean lowBounded = low != Double.NEGATIVE_INFINITY, highBounded = high != Double.POSITIVE_INFINITY;
        if (!lowBounded && !highBounded) return "finite";
        if (!highBounded) return (lowInclusive ? ">= " : "> ") + number(low);
        if (!lowBounded) return (highInclusive ? "<= " : "< ") + number(high);
        return "in " + (lowInclusive ? "[" : "(") + number(low) + ", " + number(high) + (highInclusive ? "]" : ")");
    }

    String fixOrDefault() {
        if (fix != null) return fix;
        return low == Double.NEGATIVE_INFINITY && high == Double.POSITIVE_INFINITY
                ? "choose a finite number" : "choose a value " + requirement();
    }

    /** Whole numbers without a trailing ".0", so messages say "must be >= 1, got 0". */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return Double.toString(value);
    }
}
