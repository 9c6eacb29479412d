package nnrun.nn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of a block (or an optimizer, or a schedule) with typed getters. Every getter
 * records its key as known, so after a factory has read what it understands,
 * {@link #unknownKeys()} lists what the user misspelled.
 */
public final class BlockOptions {
    private final String block;
    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();

    public BlockOptions(String block, Map<String, Object> values) {
        this.block = block;
        this.values = values;
    }

    public boolean has(String key) { known.add(key); return values.containsKey(key); }

    public int requireInt(String key, String meaning) {
        if (!has(key))
            throw new IllegalArgumentException(block + " needs option '" + key + "' (" + meaning + "), e.g. " + key + ": 16");
        return toInt(key, values.get(key));
    }

    public int intOr(String key, int fallback) { return has(key) ? toInt(key, values.get(key)) : fallback; }

    public double doubleOr(String key, double fallback) {
        if (!has(key)) return fallback;
        Object v = values.get(key);
        if (v instanceof Number n) return n.doubleValue();
        throw typeError(key, v, "a number");
    }

    public boolean boolOr(String key, boolean fallback) {
        if (!has(key)) return fallback;
        Object v = values.get(key);
        if (v instanceof Boolean b) return b;
        throw typeError(key, v, "true or false");
    }

    public String stringOr(String key, String fallback) {
        if (!has(key)) return fallback;
        Object v = values.get(key);
        if (v instanceof String s) return s;
        throw typeError(key, v, "a name");
    }

    /** A list of numbers, e.g. betas: [0.9, 0.999]. */
    public double[] doublesOr(String key, double[] fallback) {
        if (!has(key)) return fallback.clone();
        Object v = values.get(key);
        if (v instanceof List<?> l && l.stream().allMatch(e -> e instanceof Number))
            return l.stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray();
        throw typeError(key, v, "a list of numbers");
    }

    /** A list of integers, e.g. milestones: [30, 60]. */
    public int[] intsOr(String key, int[] fallback) {
        if (!has(key)) return fallback.clone();
        Object v = values.get(key);
        if (v instanceof List<?> l) return l.stream().mapToInt(e -> toInt(key, e)).toArray();
        throw typeError(key, v, "a list of integers");
    }

    /** Fails if the user gave an option no getter asked for; call after reading all options. */
    public void rejectUnknown() {
        if (!unknownKeys().isEmpty())
            throw new IllegalArgumentException(block + ": unknown option" + (unknownKeys().size() > 1 ? "s " : " ") + unknownKeys()
                    + "; it takes " + (known.isEmpty() ? "no options" : new TreeSet<>(known).toString()));
    }

    /** An integer n (meaning n×n) or a pair [vertical, horizontal]. */
    public int[] pairOr(String key, int[] fallback) {
        if (!has(key)) return fallback == null ? null : fallback.clone();
        return toPair(key, values.get(key));
    }

    public int[] requirePair(String key, String meaning) {
        if (!has(key))
            throw new IllegalArgumentException(block + " needs option '" + key + "' (" + meaning + "), e.g. " + key + ": 3");
        return toPair(key, values.get(key));
    }

    /** The raw value, for options that accept several forms (padding: 1, [1, 2] or "same"). */
    public Object raw(String key) { known.add(key); return values.get(key); }

    /** Keys the user gave that no getter asked for, sorted. */
    public Set<String> unknownKeys() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        return unknown;
    }

    int[] toPair(String key, Object v) {
        if (v instanceof Number) { int n = toInt(key, v); return new int[] {n, n}; }
        if (v instanceof List<?> l && l.size() == 2) return new int[] {toInt(key, l.get(0)), toInt(key, l.get(1))};
        throw typeError(key, v, "an integer or a pair [height, width]");
    }

    private int toInt(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < Integer.MAX_VALUE)
            return n.intValue();
        throw typeError(key, v, "an integer");
    }

    private IllegalArgumentException typeError(String key, Object v, String expected) {
        return new IllegalArgumentException(block + ": option '" + key + "' must be " + expected + ", got "
                + (v instanceof String ? "'" + v + "'" : String.valueOf(v)));
    }
}
