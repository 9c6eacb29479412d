package nnrun.nn.init;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import nnrun.autodiff.Generator;
import nnrun.autodiff.Tensor;

/**
 * How a layer's weights are drawn. fan_in = inputs per output unit (in features, or C·KH·KW
 * for a convolution) and fan_out = outputs per input unit (out features, or OC·KH·KW).
 *
 * <pre>
 * pytorch_default  U(±1/√fan_in)              PyTorch's kaiming_uniform(a=√5) for Linear and Conv
 * kaiming_uniform  U(±√(6/fan_in))            He et al. 2015, gain √2 for ReLU   (alias he_uniform)
 * kaiming_normal   N(0, 2/fan_in)                                                 (alias he_normal)
 * xavier_uniform   U(±√(6/(fan_in+fan_out)))  Glorot and Bengio 2010             (alias glorot_uniform)
 * xavier_normal    N(0, 2/(fan_in+fan_out))                                       (alias glorot_normal)
 * </pre>
 *
 * All draws come from the given {@link Generator}, so the same seed gives the same weights on
 * every machine and backend.
 */
public enum WeightInit {
    PYTORCH_DEFAULT, KAIMING_UNIFORM, KAIMING_NORMAL, XAVIER_UNIFORM, XAVIER_NORMAL;

    /** The config name, e.g. "kaiming_uniform". */
    public String configName() { return name().toLowerCase(Locale.ROOT); }

    /** By config name; "he_*" and "glorot_*" are accepted as the same schemes as "kaiming_*" and "xavier_*". */
    public static WeightInit byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_')
                .replace("he_", "kaiming_").replace("glorot_", "xavier_");
        if (n.equals("default") || n.equals("pytorch")) return PYTORCH_DEFAULT;
        for (WeightInit w : values()) if (w.configName().equals(n)) return w;
        throw new IllegalArgumentException("unknown init '" + name + "'; known: "
                + Arrays.stream(values()).map(WeightInit::configName).collect(Collectors.joining(", "))
                + " (he_* and glorot_* are aliases)");
    }

    /** Overwrites w with fresh draws for the given fans. */
    public void fill(Tensor w, int fanIn, int fanOut, Generator g) {
        float[] d = w.mutableData();
        switch (this) {
            case PYTORCH_DEFAULT -> uniform(d, 1.0 / Math.sqrt(fanIn), g);
            case KAIMING_UNIFORM -> uniform(d, Math.sqrt(6.0 / fanIn), g);
            case KAIMING_NORMAL -> normal(d, Math.sqrt(2.0 / fanIn), g);
            case XAVIER_UNIFORM -> uniform(d, Math.sqrt(6.0 / (fanIn + fanOut)), g);
            case XAVIER_NORMAL -> normal(d, Math.sqrt(2.0 / (fanIn + fanOut)), g);
        }
    }

    /**
     * The bias that goes with this scheme: PyTorch's default draws U(±1/√fan_in); the named
     * schemes start biases at zero, as Keras and most papers do.
     */
    public void fillBias(Tensor b, int fanIn, Generator g) {
        if (this == PYTORCH_DEFAULT) uniform(b.mutableData(), 1.0 / Math.sqrt(fanIn), g);
        else java.util.Arrays.fill(b.mutableData(), 0f);
    }

    private static void uniform(float[] d, double bound, Generator g) {
        for (int i = 0; i < d.length; i++) d[i] = (float) ((2 * g.nextDouble() - 1) * bound);
    }

    private static void normal(float[] d, double std, Generator g) {
        for (int i = 0; i < d.length; i++) d[i] = (float) (g.nextGaussian() * std);
    }
}
