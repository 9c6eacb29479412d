package nnrun.autodiff;

import java.util.Arrays;

/** Shape arithmetic: sizes, strides and NumPy broadcasting rules. */
public final class Shapes {
    private Shapes() {}

    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        return (int) n;
    }

    /** Row-major strides of a contiguous tensor. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }

    /** The broadcast shape of a and b, or an exception naming the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a, rank - 1 - i), db = dimFromRight(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1)
                throw new ShapeException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private static int dimFromRight(int[] shape, int fromRight) {
        int idx = shape.length - 1 - fromRight;
        return idx >= 0 ? shape[idx] : 1;
    }

    /** Strides that read a tensor of shape `shape` as if it had shape `out` (0 on broadcast axes). */
    public static int[] broadcastStrides(int[] shape, int[] out) {
        int[] own = strides(shape);
        int[] s = new int[out.length];
        int lead = out.length - shape.length;
        for (int d = 0; d < out.length; d++) {
            int sd = d - lead;
            s[d] = (sd < 0 || shape[sd] == 1) ? 0 : own[sd];
        }
        return s;
    }

    /** Normalizes a possibly negative axis against a rank, as PyTorch does. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1))
            throw new ShapeException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
        return a;
    }

    public static String str(int[] shape) { return Arrays.toString(shape); }
}
