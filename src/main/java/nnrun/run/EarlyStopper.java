package nnrun.run;

import java.util.Optional;

import nnrun.config.EarlyStopping;

/** Ends training when the watched metric (early_stopping.metric) has not improved for {@code patience} evaluations. */
final class EarlyStopper implements TrainingListener {
    private final Optional<EarlyStopping> stopping;

    EarlyStopper(Optional<EarlyStopping> stopping) { this.stopping = stopping; }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) {
        if (stopping.isEmpty()) return state;
        EarlyStopping es = stopping.get();
        Optional<MetricRow> watched = epoch.row(es.split());
        if (watched.isEmpty()) return state;
        double v = es.quantity().equals("loss") ? watched.get().loss() : watched.get().error();
        boolean better = Double.isNaN(state.watchedBest()) || v < state.watchedBest();
        return state.withEarlyStopping(better ? v : state.watchedBest(), better ? 0 : state.epochsSinceBest() + 1);
    }

    @Override public Optional<String> stopReason(TrainState state) {
        return stopping.filter(es -> state.epochsSinceBest() >= es.patience())
                .map(es -> "early stopping: " + es.metric() + " has not improved for " + state.epochsSinceBest() + " evaluations");
    }
}
