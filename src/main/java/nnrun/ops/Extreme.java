package nnrun.ops;

import nnrun.backend.Backends;

/** Which end of the order {@link Max} and {@link MaxAxis} select: the largest or the smallest element. */
public enum Extreme {
    LARGEST("max", "argmax"), SMALLEST("min", "argmin");

    private final String opName, argName;

    Extreme(String opName, String argName) { this.opName = opName; this.argName = argName; }

    /**
     * Each lane's extreme value and its position along the lane (the first on ties; a NaN is selected,
     * as in PyTorch), found by the backend where x's values are.
     */
    void find(float[] x, Lanes lanes, float[] values, int[] positions) {
        Backends.current().extremeAlong(this == SMALLEST, x, lanes.outer(), lanes.len(), lanes.inner(), values, positions);
    }

    String opName() { return opName; }

    String argName() { return argName; }

    String backwardName() { return this == SMALLEST ? "MinBackward" : "MaxBackward"; }
}
