package nnrun.nn;

import nnrun.config.Range;

import nnrun.config.Options;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;

/**
 * Inverted dropout: in training, each value is zeroed with probability p and the survivors are
 * scaled by 1/(1 − p), so evaluation (which passes x through unchanged) needs no rescaling. The
 * masks come from the layer's own seeded generator, which training restarts for every batch
 * ({@link #reseed}) so a resumed run draws the masks an uninterrupted one would.
 */
public final class Dropout extends ElementwiseLayer {
    private final float p;
    private Generator generator;

    static Dropout fromOptions(Options o, int[] in, Generator g) {
        return new Dropout(o.getDouble("rate", 0.5, Range.closedOpen(0, 1)
                .withFix("it is the probability of zeroing a value, e.g. rate: 0.5")), g);
    }

    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p < 1))
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + p
                    + "; it is the probability of zeroing a value, e.g. rate: 0.5");
        this.p = (float) p;
        this.generator = generator;
    }

    @Override public void reseed(long seed) { generator = new Generator(seed); }

    @Override public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0f) return x;
        float keep = 1f - p, scale = 1f / keep;
        float[] mask = new float[x.numel()];
        for (int i = 0; i < mask.length; i++) mask[i] = generator.nextFloat() < keep ? scale : 0f;
        return x.mul(Tensor.of(mask, x.shape()));
    }

    @Override public String describe() { return "Dropout(rate " + p + ")"; }
}
