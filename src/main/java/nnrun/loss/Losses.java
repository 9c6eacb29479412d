package nnrun.loss;

import nnrun.config.Range;
import nnrun.config.Registry;

/** The losses by config name: adding one is a new file and one line here. */
public final class Losses {
    private Losses() {}

    public static final Registry<LossFactory> REGISTRY = new Registry<LossFactory>("loss")
            .register("cross_entropy", o -> new CrossEntropyLoss(o.getDouble("label_smoothing", 0, Range.closedOpen(0, 1))))
            .register("logistic", o -> new LogisticLoss())
            .register("mse", o -> new MseLoss())
            .register("hinge", o -> new HingeLoss(o.getDouble("margin", 1, Range.greaterThan(0))));
}
