package nnrun.nn;

import nnrun.config.Range;

import nnrun.config.Options;

import nnrun.autodiff.Generator;
import nnrun.autodiff.MemoryScope;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * Inverted dropout: in training, each value is zeroed with probability p and the survivors are
 * scaled by 1/(1 − p), so evaluation (which passes x through unchanged) needs no rescaling. The
 * masks are a pure function of a seed and the element ({@link nnrun.backend.DropoutMask}), made by
 * a backend kernel where the activations are. Training reseeds the layer for every batch
 * ({@link #reseed}) so a resumed run draws the masks an uninterrupted one would; forwards between
 * two reseeds draw fresh masks.
 */
public final class Dropout extends ElementwiseLayer {
    private final float p;
    private long seed;
    private long draws;

    static Dropout fromOptions(Options o, int[] in, Generator g) {
        return new Dropout(o.getDouble("rate", 0.5, Range.closedOpen(0, 1)
                .withFix("it is the probability of zeroing a value, e.g. rate: 0.5")), g);
    }

    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p < 1))
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + p
                    + "; it is the probability of zeroing a value, e.g. rate: 0.5");
        this.p = (float) p;
        this.seed = generator.nextLong();
    }

    @Override public void reseed(long seed) {
        this.seed = seed;
        this.draws = 0;
    }

    @Override public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0f) return x;
        float[] mask = MemoryScope.empty(x.numel());
        Backends.current().dropoutMask(seed + 0x9E3779B97F4A7C15L * draws++, 1f - p, mask, mask.length);
        return x.mul(Tensor.of(mask, x.shape()));
    }

    @Override public String describe() { return "Dropout(rate " + p + ")"; }
}
