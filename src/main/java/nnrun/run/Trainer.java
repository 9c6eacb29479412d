package nnrun.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nnrun.data.Batch;
import nnrun.data.DataLoader;
import nnrun.loss.Loss;
import nnrun.nn.Module;
import nnrun.optim.LrSchedule;
import nnrun.optim.Optimizer;

/**
 * The training loop: epochs of seeded batches, each a forward, loss, backward and optimizer step,
 * then evaluation; everything else (checkpoints, model selection, the summary, progress,
 * interrupts) is a {@link TrainingListener}. Every random choice is a function of (seed, epoch,
 * batch), so a run resumed from any checkpoint ends bit for bit where an uninterrupted one would.
 */
public final class Trainer {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainingStep step;
    private final LrSchedule schedule;
    private final ExperimentData data;
    private final TrainingSettings settings;
    private final List<TrainingListener> listeners;
    private TrainState current;

    public Trainer(Experiment experiment, TrainingSettings settings, List<TrainingListener> listeners) {
        this.model = experiment.model();
        this.loss = experiment.loss();
        this.optimizer = experiment.optimizer();
        this.schedule = experiment.schedule();
        this.data = experiment.data();
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.step = new TrainingStep(model, loss, optimizer, settings.clipNorm());
    }

    /** Trains from {@code start} (a fresh state, or a checkpoint's) to the last epoch; returns the final state. */
    public TrainState fit(TrainState start) throws IOException {
        current = start;
        RunClock clock = new RunClock(start.wallSeconds());
        try {
            for (TrainingListener l : listeners) l.onStart(current);
            Optional<String> stop = Optional.empty();
            while (current.epoch() < settings.epochs() && stop.isEmpty()) {
                int epoch = current.epoch() + 1;
                double lr = schedule.lr(epoch - 1);
                optimizer.setLearningRate(lr);
                EpochTotals totals = trainEpoch(epoch, clock);
                List<MetricRow> rows = new ArrayList<>(List.of(MetricRow.ofTraining(epoch, lr, totals)));
                if (settings.evaluatesAfter(epoch)) rows.addAll(evaluate(epoch, lr));
                // A plateau schedule watches the validation loss (test without a split) before the state is saved.
                String monitored = data.validation().isPresent() ? "val" : "test";
                rows.stream().filter(r -> r.split().equals(monitored)).findFirst().ifPresent(r -> schedule.observe(epoch - 1, r.loss()));
                current = current.atEpochEnd(epoch, schedule.exportState(), optimizer.exportState().counters())
                        .withWall(clock.seconds());
                EpochReport report = new EpochReport(epoch, settings.epochs(), rows);
                for (TrainingListener l : listeners) current = l.afterEpoch(report, current);
                for (TrainingListener l : listeners) stop = stop.or(() -> l.stopReason(current));
            }
            current = current.withWall(clock.seconds());
            for (TrainingListener l : listeners) l.onEnd(current, stop);
            return current;
        } catch (IOException | RuntimeException | Error e) {
            current = current.withWall(clock.seconds());
            for (TrainingListener l : listeners) l.onFailure(e, current);
            throw e;
        }
    }

    private EpochTotals trainEpoch(int epoch, RunClock clock) throws IOException {
        model.train();
        DataLoader loader = data.trainLoader();
        int skip = current.batch();
        EpochTotals totals = skip > 0 ? current.partialTotals() : EpochTotals.NONE;
        for (TrainingListener l : listeners) l.beforeEpoch(epoch, loader.batchesPerEpoch(), current);
        int index = 0;
        try (DataLoader.Epoch batches = loader.epoch(epoch)) {
            for (Batch b : batches) {
                if (++index <= skip) continue; // trained before the checkpoint this run resumed from
                long t0 = System.nanoTime();
                TrainingStep.Result done = step.run(b, batchSeed(epoch, index));
                Batches.release(b);
                totals = totals.plus(done.loss(), b.size(), done.errors(), (System.nanoTime() - t0) / 1e9);
                current = current.withPartialEpoch(index, totals).withWall(clock.seconds());
                BatchReport report = new BatchReport(epoch, index, loader.batchesPerEpoch(), skip + 1, done.loss(), totals);
                for (TrainingListener l : listeners) l.afterBatch(report, current);
            }
        }
        return totals;
    }

    /** Dropout masks for batch `index` of `epoch`: a pure function of the run's seed and the position. */
    private long batchSeed(int epoch, int index) {
        return settings.seed() * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + index;
    }

    private List<MetricRow> evaluate(int epoch, double lr) {
        List<MetricRow> rows = new ArrayList<>();
        data.validation().ifPresent(v -> rows.add(MetricRow.ofEvaluation(epoch, "val", lr,
                Evaluation.of(model, loss, data.evalLoader(v), data.numClasses()))));
        rows.add(MetricRow.ofEvaluation(epoch, "test", lr, Evaluation.of(model, loss, data.evalLoader(data.test()), data.numClasses())));
        return rows;
    }
}
