package nnrun.optim;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nnrun.autodiff.Tensor;
import nnrun.nn.BlockOptions;

/** Optimizers by config name, with PyTorch's option names and defaults. */
public final class Optimizers {
    private Optimizers() {}

    public static final Set<String> NAMES = Set.of("sgd", "adam", "adamw", "rmsprop");

    public static Optimizer byName(String name, Map<String, Tensor> params, Map<String, Object> options) {
        BlockOptions o = new BlockOptions("optimizer " + name, options == null ? Map.of() : options);
        Optimizer opt = switch (name) {
            case "sgd" -> new Sgd(params, o.doubleOr("lr", 0.01), o.doubleOr("momentum", 0), o.doubleOr("dampening", 0),
                    o.boolOr("nesterov", false), o.doubleOr("weight_decay", 0));
            case "adam", "adamw" -> {
                double lr = o.doubleOr("lr", 1e-3), eps = o.doubleOr("eps", 1e-8);
                double[] betas = o.doublesOr("betas", new double[] {0.9, 0.999});
                if (betas.length != 2) throw new IllegalArgumentException("optimizer " + name + ": betas needs two numbers, e.g. [0.9, 0.999]");
                yield name.equals("adam")
                        ? new Adam(params, lr, betas[0], betas[1], eps, o.doubleOr("weight_decay", 0))
                        : new AdamW(params, lr, betas[0], betas[1], eps, o.doubleOr("weight_decay", 0.01));
            }
            case "rmsprop" -> new RmsProp(params, o.doubleOr("lr", 0.01), o.doubleOr("alpha", 0.99), o.doubleOr("eps", 1e-8),
                    o.doubleOr("weight_decay", 0), o.doubleOr("momentum", 0), o.boolOr("centered", false));
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + new TreeSet<>(NAMES));
        };
        o.rejectUnknown();
        return opt;
    }
}
