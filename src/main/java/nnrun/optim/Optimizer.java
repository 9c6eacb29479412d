package nnrun.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import nnrun.autodiff.GradMode;
import nnrun.autodiff.ShapeException;
import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;

/**
 * Updates named parameters from their gradients. Subclasses hand one PyTorch update rule to a
 * backend kernel per parameter (so on a device backend weights, gradients and state stay on the
 * device); this class owns the per-parameter state (buffers and step counters), runs updates with
 * the graph off, and exports and imports the state.
 * Parameters without a gradient are skipped and their step counter does not advance (as in PyTorch).
 */
public abstract class Optimizer {
    private final String name;
    private final Map<String, Tensor> params;
    private double learningRate;
    private final Map<String, float[]> buffers = new TreeMap<>();
    private final Map<String, Long> counters = new TreeMap<>();

    protected Optimizer(String name, Map<String, Tensor> params, double learningRate) {
        if (params.isEmpty()) throw new IllegalArgumentException(name + ": the model has no parameters to optimize");
        if (!(learningRate >= 0)) throw new IllegalArgumentException(name + ": lr must be 0 or more, got " + learningRate);
        this.name = name;
        this.params = new LinkedHashMap<>(params);
        this.learningRate = learningRate;
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        try (var s = GradMode.off()) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                Tensor p = e.getValue();
                if (p.grad() == null) continue;
                long t = counters.merge(e.getKey() + "/step", 1L, Long::sum);
                update(e.getKey(), p.buffer(), p.grad().buffer(), t);
                p.markModified();
            }
        }
    }

    /**
     * Updates w in place from its gradient g at the t-th step of this parameter (1-based), through
     * {@link nnrun.backend.Backend} kernels only: the arrays are as kernels see them, and on a device
     * backend their host values may be stale. g must not be modified: it belongs to the parameter's grad tensor.
     */
    protected abstract void update(String param, float[] w, float[] g, long t);

    /** The named state buffer of a parameter, created as zeros on first use. */
    protected final float[] buffer(String param, String kind, int size) {
        return buffers.computeIfAbsent(param + "/" + kind, k -> new float[size]);
    }

    public final void zeroGrad() { for (Tensor p : params.values()) p.zeroGrad(); }

    public final double learningRate() { return learningRate; }

    /** Set by a learning-rate schedule before each epoch. */
    public final void setLearningRate(double lr) { learningRate = lr; }

    public final String name() { return name; }

    public final Map<String, Tensor> parameters() { return java.util.Collections.unmodifiableMap(params); }

    public final OptimizerState exportState() {
        buffers.values().forEach(Backends.current()::toHost); // momentum lives where the updates run
        return new OptimizerState(name, buffers, counters);
    }

    /** Restores an exported state; fails if it belongs to another optimizer or other parameter shapes. */
    public final void importState(OptimizerState state) {
        if (!state.optimizer().equals(name))
            throw new IllegalArgumentException("optimizer state was saved by " + state.optimizer() + ", not " + name
                    + "; resume with the same optimizer or start a fresh run");
        for (Map.Entry<String, float[]> e : state.buffers().entrySet()) {
            String param = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
            Tensor p = params.get(param);
            if (p == null || p.numel() != e.getValue().length)
                throw new ShapeException("optimizer state buffer " + e.getKey() + " (" + e.getValue().length + " values) does not match "
                        + (p == null ? "any parameter of the model" : "parameter " + param + " (" + p.numel() + " values)"));
        }
        buffers.clear();
        state.buffers().forEach((k, v) -> buffers.put(k, v.clone()));
        counters.clear();
        counters.putAll(state.counters());
    }
}
