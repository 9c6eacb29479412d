package nnrun.optim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nnrun.nn.BlockOptions;

/**
 * The learning-rate schedules, per epoch, with PyTorch's closed forms (base = the optimizer's lr, e = epoch):
 * <pre>
 * constant     base
 * step         base·γ^⌊e/step_size⌋                       (StepLR; gamma 0.1)
 * multistep    base·γ^(milestones ≤ e)                     (MultiStepLR; gamma 0.1)
 * exponential  base·γ^e                                    (ExponentialLR)
 * cosine       min_lr + (base − min_lr)·(1 + cos(π·e/T))/2, e capped at T (CosineAnnealingLR; T = epochs)
 * plateau      ×factor after more than `patience` epochs without relative improvement > threshold (ReduceLROnPlateau)
 * </pre>
 * Any of them can start with a linear warm-up of W epochs: lr = base·(e + 1)/(W + 1) for e < W
 * (PyTorch's LinearLR with start_factor 1/(W + 1)), then the schedule runs from its own epoch 0.
 */
public final class Schedules {
    private Schedules() {}

    public static final Set<String> NAMES = Set.of("constant", "step", "multistep", "exponential", "cosine", "plateau");

    /** @param epochs the run's length, the default period of cosine */
    public static LrSchedule byName(String name, double base, Map<String, Object> options, int epochs) {
        BlockOptions o = new BlockOptions("schedule " + name, options == null ? Map.of() : options);
        int warmup = o.intOr("warmup_epochs", 0);
        if (warmup < 0) throw new IllegalArgumentException("schedule " + name + ": warmup_epochs must be 0 or more, got " + warmup);
        LrSchedule schedule = switch (name) {
            case "constant" -> e -> base;
            case "step" -> {
                int size = o.requireInt("step_size", "epochs between decays");
                double gamma = o.doubleOr("gamma", 0.1);
                if (size < 1) throw new IllegalArgumentException("schedule step: step_size must be at least 1, got " + size);
                yield e -> base * Math.pow(gamma, Math.floorDiv(e, size));
            }
            case "multistep" -> {
                int[] milestones = o.intsOr("milestones", new int[0]);
                double gamma = o.doubleOr("gamma", 0.1);
                if (milestones.length == 0)
                    throw new IllegalArgumentException("schedule multistep needs milestones, e.g. milestones: [30, 60]");
                yield e -> base * Math.pow(gamma, Arrays.stream(milestones).filter(m -> m <= e).count());
            }
            case "exponential" -> {
                double gamma = o.doubleOr("gamma", 0.95);
                yield e -> base * Math.pow(gamma, e);
            }
            case "cosine" -> {
                int period = o.intOr("period", epochs - warmup);
                double min = o.doubleOr("min_lr", 0);
                if (period < 1) throw new IllegalArgumentException("schedule cosine: period must be at least 1, got " + period);
                yield e -> min + (base - min) * (1 + Math.cos(Math.PI * Math.min(e, period) / period)) / 2;
            }
            case "plateau" -> new Plateau(base, o.doubleOr("factor", 0.1), o.intOr("patience", 10),
                    o.doubleOr("threshold", 1e-4), o.intOr("cooldown", 0), o.doubleOr("min_lr", 0));
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "'; known: " + new TreeSet<>(NAMES));
        };
        o.rejectUnknown();
        return warmup == 0 ? schedule : new Warmup(schedule, base, warmup);
    }

    /** Linear warm-up for the first epochs, then the inner schedule shifted to start at its epoch 0. */
    record Warmup(LrSchedule inner, double base, int epochs) implements LrSchedule {
        @Override public double lr(int e) { return e < epochs ? base * (e + 1) / (epochs + 1) : inner.lr(e - epochs); }

        @Override public void observe(int e, double metric) { if (e >= epochs) inner.observe(e - epochs, metric); }

        @Override public Map<String, Double> exportState() { return inner.exportState(); }

        @Override public void importState(Map<String, Double> state) { inner.importState(state); }
    }

    /** PyTorch's ReduceLROnPlateau in mode "min" with a relative threshold. */
    static final class Plateau implements LrSchedule {
        private final double factor, threshold, minLr;
        private final int patience, cooldown;
        private double lr, best = Double.POSITIVE_INFINITY;
        private int badEpochs, cooldownLeft;

        Plateau(double base, double factor, int patience, double threshold, int cooldown, double minLr) {
            if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("schedule plateau: factor must be in (0, 1), got " + factor);
            if (patience < 0 || cooldown < 0) throw new IllegalArgumentException("schedule plateau: patience and cooldown must be 0 or more");
            this.lr = base;
            this.factor = factor;
            this.patience = patience;
            this.threshold = threshold;
            this.cooldown = cooldown;
            this.minLr = minLr;
        }

        @Override public double lr(int epoch) { return lr; }

        @Override public void observe(int epoch, double metric) {
            if (metric < best * (1 - threshold)) {
                best = metric;
                badEpochs = 0;
            } else {
                badEpochs++;
            }
            if (cooldownLeft > 0) {
                cooldownLeft--;
                badEpochs = 0;
            }
            if (badEpochs > patience) {
                lr = Math.max(lr * factor, minLr);
                cooldownLeft = cooldown;
                badEpochs = 0;
            }
        }

        @Override public Map<String, Double> exportState() {
            Map<String, Double> s = new HashMap<>();
            s.put("lr", lr);
            s.put("best", best);
            s.put("bad_epochs", (double) badEpochs);
            s.put("cooldown_left", (double) cooldownLeft);
            return s;
        }

        @Override public void importState(Map<String, Double> s) {
            lr = s.get("lr");
            best = s.get("best");
            badEpochs = s.get("bad_epochs").intValue();
            cooldownLeft = s.get("cooldown_left").intValue();
        }
    }
}
