package nnrun.optim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import nnrun.config.ComponentSpec;
import nnrun.config.Options;
import nnrun.config.Range;
import nnrun.config.Registry;

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

    /** A schedule's own options; {@code warmup_epochs}, which every schedule takes, is read by {@link #build}. */
    public static final Registry<ScheduleFactory> REGISTRY = new Registry<ScheduleFactory>("schedule")
            .register("constant", (o, base, epochs) -> e -> base)
            .register("step", Schedules::step)
            .register("multistep", Schedules::multistep)
            .register("exponential", (o, base, epochs) -> {
                double gamma = o.getDouble("gamma", 0.95, Range.greaterThan(0));
                return e -> base * Math.pow(gamma, e);
            })
            .register("cosine", Schedules::cosine)
            .register("plateau", (o, base, epochs) -> new Plateau(base, o.getDouble("factor", 0.1, new Range(0, false, 1, false, null)),
                    o.getInt("patience", 10, Range.atLeast(0)), o.getDouble("threshold", 1e-4, Range.atLeast(0)),
                    o.getInt("cooldown", 0, Range.atLeast(0)), o.getDouble("min_lr", 0, Range.atLeast(0))));

    /**
     * The schedule a config names, with its linear warm-up.
     *
     * @param base   the optimizer's lr
     * @param epochs the run's length, the default period of cosine
     */
    public static LrSchedule build(ComponentSpec spec, double base, int epochs) {
        int warmup = spec.options().getInt("warmup_epochs", 0, Range.atLeast(0));
        LrSchedule schedule = REGISTRY.build(spec.without("warmup_epochs"), (f, o) -> f.create(o, base, epochs - warmup));
        return warmup == 0 ? schedule : new Warmup(schedule, base, warmup);
    }

    private static LrSchedule step(Options o, double base, int epochs) {
        int size = o.getInt("step_size", Range.atLeast(1).withFix("give the epochs between decays, e.g. step_size: 30"));
        double gamma = o.getDouble("gamma", 0.1, Range.greaterThan(0));
        return e -> base * Math.pow(gamma, Math.floorDiv(e, size));
    }

    private static LrSchedule multistep(Options o, double base, int epochs) {
        int[] milestones = o.getIntList("milestones", Range.atLeast(0)).stream().mapToInt(Integer::intValue).toArray();
        double gamma = o.getDouble("gamma", 0.1, Range.greaterThan(0));
        return e -> base * Math.pow(gamma, Arrays.stream(milestones).filter(m -> m <= e).count());
    }

    private static LrSchedule cosine(Options o, double base, int epochs) {
        int period = o.getInt("period", Math.max(epochs, 1), Range.atLeast(1));
        double min = o.getDouble("min_lr", 0, Range.atLeast(0));
        return e -> min + (base - min) * (1 + Math.cos(Math.PI * Math.min(e, period) / period)) / 2;
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
