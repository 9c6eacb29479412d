package nnrun.ops;

/** Which end of the order {@link Max} and {@link MaxAxis} select: the largest or the smallest element. */
public enum Extreme {
    LARGEST("max", "argmax"), SMALLEST("min", "argmin");

    private final String opName, argName;

    Extreme(String opName, String argName) { this.opName = opName; this.argName = argName; }

    /** Whether c replaces the current best: strictly further in this direction, or NaN (selected, as in PyTorch). */
    boolean beats(float c, float best) {
        return Float.isNaN(c) || (this == SMALLEST ? c < best : c > best);
    }

    String opName() { return opName; }

    String argName() { return argName; }

    String backwardName() { return this == SMALLEST ? "MinBackward" : "MaxBackward"; }
}
