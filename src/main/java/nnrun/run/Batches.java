package nnrun.run;

import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.backend.ReferenceBackend;
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

    /** The loader's batch is used up: its arrays go back to the backend, for the loader's next batches. */
    static void release(Batch b) {
        Backends.current().release(b.x());
        Backends.current().release(b.labels());
    }

    /** How many of the batch's samples the outputs get wrong, counted by the backend where the outputs are. */
    static long errors(Tensor out, Batch b) {
        return Backends.current().misclassified(out.buffer(), b.labels(), b.size(), out.numel() / out.dim(0));
    }

    /** Predicted class per row: the argmax of the outputs, or for a single output column, output > 0. */
    static int[] predictions(Tensor out) {
        int n = out.dim(0), c = out.numel() / n;
        float[] v = out.data();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = ReferenceBackend.predictedClass(v, i, c);
        return p;
    }

    private static int sampleLength(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }
}
