package nnrun.run;

/** Shows training progress within an epoch ({@link Progress}: a live bar on a terminal, lines in a log). */
final class ProgressListener implements TrainingListener {
    private final Progress progress;
    private final int epochs;
    private long seenBefore;

    ProgressListener(Progress progress, int epochs) {
        this.progress = progress;
        this.epochs = epochs;
    }

    @Override public void beforeEpoch(int epoch, int batches, TrainState state) {
        seenBefore = state.batch() > 0 ? state.trainSeen() : 0; // a resumed epoch: rates count this process's samples
        progress.startEpoch(epoch, epochs, batches);
    }

    @Override public void afterBatch(BatchReport b, TrainState state) {
        progress.update(b.index(), b.totals().seen() - seenBefore, b.totals().meanLoss());
    }

    @Override public TrainState afterEpoch(EpochReport epoch, TrainState state) {
        progress.endEpoch();
        return state;
    }

    @Override public void onFailure(Throwable failure, TrainState state) { progress.endEpoch(); }
}
