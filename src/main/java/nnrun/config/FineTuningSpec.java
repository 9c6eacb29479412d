package nnrun.config;

import java.util.List;
import java.util.Optional;

/**
 * Starting from a trained model: {@code model.init_from} (a run folder, whose best.ckpt or else
 * last.ckpt is read, or a checkpoint file) gives the initial weights of every parameter whose name
 * and shape match; {@code model.freeze} lists block indices whose parameters stay fixed.
 * {@code section} is the model section as written, so problems point at the key.
 */
public record FineTuningSpec(Optional<String> initFrom, List<Integer> freeze, Options section) {
    public FineTuningSpec {
        freeze = List.copyOf(freeze);
    }

    static final FineTuningSpec NONE = new FineTuningSpec(Optional.empty(), List.of(), Options.empty("model", Location.file("")));

    public boolean isNone() { return initFrom.isEmpty() && freeze.isEmpty(); }

    /** Equal when what they ask for is; where it was written does not matter. */
    @Override public boolean equals(Object o) {
        return o instanceof FineTuningSpec f && initFrom.equals(f.initFrom) && freeze.equals(f.freeze);
    }

    @Override public int hashCode() { return initFrom.hashCode() * 31 + freeze.hashCode(); }
}
