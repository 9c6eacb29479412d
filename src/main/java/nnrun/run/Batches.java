package nnrun.run;

import nnrun.autodiff.Tensor;
import nnrun.data.Batch;

/** Conversions between the data layer's batches and tensors. */
final class Batches {
    private Batches() {}

    /** The batch's inputs as an N×(sample shape) tensor over the batch's own buffer. */
    static Tensor input(Batch b) {
        int[] s = b.sampleShape();
        int[] shape = new int[s.length + 1];
        shape[0] = b.size();
        System.arraycopy(s, 0, shape, 1, s.length);
        float[] x = b.x().length == b.size() * sampleLength(s) ? b.x() : java.util.Arrays.copyOf(b.x(), b.size() * sampleLength(s));
        return Tensor.of(x, shape);
    }

    /** How many of the batch's samples the outputs get wrong. */
    static long errors(Tensor out, Batch b) {
        int[] predicted = predictions(out);
        long errors = 0;
        for (int i = 0; i < b.size(); i++) if (predicted[i] != b.labels()[i]) errors++;
        return errors;
    }

    /** Predicted class per row: the argmax of the outputs, or for a single output column, output > 0. */
    static int[] predictions(Tensor out) {
        int n = out.dim(0), c = out.numel() / n;
        float[] v = out.data();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            if (c == 1) { p[i] = v[i] > 0 ? 1 : 0; continue; }
            int best = 0;
            for (int j = 1; j < c; j++) if (v[i * c + j] > v[i * c + best]) best = j;
            p[i] = best;
        }
        return p;
    }

    private static int sampleLength(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }
}
