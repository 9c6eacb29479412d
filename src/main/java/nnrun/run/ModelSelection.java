package nnrun.run;

import java.util.Optional;

/**
 * Which epoch a run reports and keeps as best.ckpt. With a validation split, the epoch of lowest
 * validation error (the first on ties): the test set plays no part in choosing it. Without one
 * (the slides' setting), the last evaluated epoch: picking the lowest test error would report an
 * optimistic number, so the headline is the final test error.
 */
final class ModelSelection implements TrainingListener {
    static final String BY_VALIDATION = "min val_error", LAST_EPOCH = "last epoch";

    private final boolean hasValidation;

    ModelSelection(boolean hasValidation) { this.hasValidation = hasValidation; }

    /** The rule in words, as summary.json and compare show it. */
    String rule() { return rule(hasValidation); }

    static String rule(boolean hasValidation) { return hasValidation ? BY_VALIDATION : LAST_EPOCH; }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) {
        Optional<MetricRow> decisive = epoch.row(hasValidation ? "val" : "test");
        if (decisive.isEmpty()) return state; // not evaluated this epoch
        double error = decisive.get().error();
        boolean better = !hasValidation || Double.isNaN(state.bestError()) || error < state.bestError();
        return better ? state.withSelection(error, epoch.epoch()) : state;
    }
}
