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

    /** "> 0", ">= 1", "in [0, 1)". */
    public String requirement() {
        boolean bounded = high != Double.POSITIVE_INFINITY;
        if (!bounded) return (lowInclusive ? ">= " : "> ") + number(low);
        return "in " + (lowInclusive ? "[" : "(") + number(low) + ", " + number(high) + (highInclusive ? "]" : ")");
    }

    String fixOrDefault() {
        return fix != null ? fix : "choose a value " + requirement();
    }

    /** Whole numbers without a trailing ".0", so messages say "must be >= 1, got 0". */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return Double.toString(value);
    }
}
