package nnrun.optim;

import java.util.List;

import nnrun.config.Options;
import nnrun.config.Range;
import nnrun.config.Registry;

/** The optimizers by config name, with PyTorch's option names and defaults: a new one is a file and a line here. */
public final class Optimizers {
    private Optimizers() {}

    public static final Registry<OptimizerFactory> REGISTRY = new Registry<OptimizerFactory>("optimizer")
            .register("sgd", (o, p) -> new Sgd(p, lr(o), o.getDouble("momentum", 0, Range.atLeast(0)),
                    o.getDouble("dampening", 0, Range.closed(0, 1)), o.getBoolean("nesterov", false), weightDecay(o, 0)))
            .register("adam", (o, p) -> {
                List<Double> b = betas(o);
                return new Adam(p, lr(o), b.get(0), b.get(1), eps(o), weightDecay(o, 0));
            })
            .register("adamw", (o, p) -> {
                List<Double> b = betas(o);
                return new AdamW(p, lr(o), b.get(0), b.get(1), eps(o), weightDecay(o, 0.01));
            })
            .register("rmsprop", (o, p) -> new RmsProp(p, lr(o), o.getDouble("alpha", 0.99, Range.closed(0, 1)), eps(o),
                    weightDecay(o, 0), o.getDouble("momentum", 0, Range.atLeast(0)), o.getBoolean("centered", false)));

    private static double lr(Options o) {
        return o.getDouble("lr", Range.greaterThan(0).withFix("set a positive learning rate, e.g. lr: 0.05"));
    }

    private static double weightDecay(Options o, double fallback) {
        return o.getDouble("weight_decay", fallback, Range.atLeast(0));
    }

    private static double eps(Options o) {
        return o.getDouble("eps", 1e-8, Range.greaterThan(0));
    }

    private static List<Double> betas(Options o) {
        return o.getDoubleList("betas", List.of(0.9, 0.999), 2, Range.closedOpen(0, 1));
    }
}
