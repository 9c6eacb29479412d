package nnrun.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

import nnrun.autodiff.ShapeException;

/** Per-sample shape checks shared by layers, with messages that say how to fix the stack. */
final class LayerShapes {
    private LayerShapes() {}

    /** "3×32×32", the way shapes appear in messages and summaries. */
    static String str(int[] shape) {
        return shape.length == 0 ? "scalar" : Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Requires a C×H×W input (images), telling the user to move flatten when it gets features. */
    static void requireImage(String layer, int[] in) {
        if (in.length == 3) return;
        throw new ShapeException(layer + " needs an image input C×H×W but gets " + describeInput(in)
                + (in.length == 1 ? "; convolutions and pooling must come before flatten: move flatten after the last of them"
                                  : "; reshape the data to channels×height×width"));
    }

    /** Requires flat features, telling the user to add flatten when it gets an image. */
    static void requireFeatures(String layer, int[] in) {
        if (in.length == 1) return;
        throw new ShapeException(layer + " needs flat features but gets " + describeInput(in)
                + "; add a flatten (or global_avgpool) block before it");
    }

    static String describeInput(int[] in) {
        return in.length == 1 ? "a flat vector of " + in[0] + " features" : "an input of shape " + str(in);
    }

    static void requirePositive(String layer, String option, int value, String meaning) {
        if (value < 1)
            throw new ShapeException(layer + ": " + option + " must be at least 1, got " + value + "; set it to " + meaning);
    }

    static int[] sampleShape(int[] batched) { return Arrays.copyOfRange(batched, 1, batched.length); }
}
