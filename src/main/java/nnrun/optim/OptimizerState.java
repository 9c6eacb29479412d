package nnrun.optim;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an optimizer carries between steps, for checkpoints: per-parameter buffers keyed
 * "param name/buffer" (e.g. "0.weight/exp_avg") and counters (e.g. "0.weight/step"). Importing
 * an exported state makes the next step identical, bit for bit, to an uninterrupted run.
 */
public record OptimizerState(String optimizer, Map<String, float[]> buffers, Map<String, Long> counters) {
    public OptimizerState {
        Map<String, float[]> copy = new TreeMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        buffers = java.util.Collections.unmodifiableMap(copy);
        counters = java.util.Collections.unmodifiableMap(new TreeMap<>(counters));
    }
}
