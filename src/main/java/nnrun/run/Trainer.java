package nnrun.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import nnrun.autodiff.Tensor;
import nnrun.backend.Backends;
import nnrun.config.EarlyStopping;
import nnrun.config.ExperimentConfig;
import nnrun.data.Batch;
import nnrun.data.DataLoader;
import nnrun.loss.Loss;
import nnrun.nn.Module;
import nnrun.optim.GradClip;
import nnrun.optim.LrSchedule;
import nnrun.optim.Optimizer;
import nnrun.optim.OptimizerState;

/**
 * The training loop: epochs of forward, loss, backward and optimizer step over seeded batches,
 * evaluation, metrics rows, checkpoints and the run summary. Every random choice is a function
 * of (seed, epoch, batch), so a run resumed from any checkpoint ends bit for bit where an
 * uninterrupted one would.
 */
public final class Trainer {
    private final ExperimentConfig config;
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final ExperimentData data;
    private final RunDirectory run;
    private final RunLog log;
    private final Progress progress;
    private final RunSummaryTemplate template;
    private volatile boolean stopRequested;

    /** What the summary says about the run beyond its metrics. */
    public record RunSummaryTemplate(String dataset, String model, String modelKind, String device, String deviceReason) {}

    public Trainer(ExperimentConfig config, Module model, Loss loss, Optimizer optimizer, LrSchedule schedule,
                   ExperimentData data, RunDirectory run, RunLog log, Progress progress, RunSummaryTemplate template) {
        this.config = config;
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.data = data;
        this.run = run;
        this.log = log;
        this.progress = progress;
        this.template = template;
    }

    /** Asks the loop to stop after the current batch, save a checkpoint and throw {@link RunInterruptedException}. */
    public void requestStop() { stopRequested = true; }

    /** Trains from scratch (no checkpoint) or from one; returns the final summary. */
    public RunSummary fit(Optional<Checkpoint> resumeFrom) throws IOException {
        TrainState state = resumeFrom.map(c -> restore(c)).orElse(TrainState.start());
        long wallStart = System.nanoTime();
        double wallBefore = state.wallSeconds();
        double clip = Components.clipNorm(config);
        int epochs = config.train().epochs();
        List<MetricRow> history = Files.exists(run.metrics()) ? new ArrayList<>(MetricRow.readAll(run.metrics())) : new ArrayList<>();
        int resumedEpoch = state.epoch();
        history.removeIf(r -> r.epoch() > resumedEpoch);
        try (MetricsWriter metrics = resumeFrom.isPresent() ? MetricsWriter.resume(run.metrics(), state.epoch())
                : MetricsWriter.create(run.metrics())) {
            writeSummary(state, history, "running", null, wallBefore);
            while (state.epoch() < epochs) {
                int epoch = state.epoch() + 1;
                double lr = schedule.lr(epoch - 1);
                optimizer.setLearningRate(lr);
                state = trainEpoch(epoch, lr, state, clip, wallStart, wallBefore, history);
                MetricRow trainRow = new MetricRow(epoch, "train", state.trainLossSum() / state.trainSeen(),
                        (double) state.trainErrors() / state.trainSeen(), lr, state.trainSeconds(),
                        state.trainSeen() / Math.max(state.trainSeconds(), 1e-9));
                List<MetricRow> rows = new ArrayList<>(List.of(trainRow));
                if (epoch % config.train().evalEvery() == 0 || epoch == epochs) rows.addAll(evaluate(epoch, lr));
                for (MetricRow r : rows) {
                    metrics.write(r);
                    history.add(r);
                }
                log.line(epochLine(epoch, epochs, rows));
                Backends.current().deviceTime().ifPresent(t -> log.line("device so far: " + t.summary()));
                state = afterEpoch(epoch, rows, state, wallStart, wallBefore);
                if (stopsEarly(state)) {
                    log.line("early stopping: " + config.train().earlyStopping().get().metric() + " has not improved for "
                            + state.epochsSinceBest() + " evaluations");
                    break;
                }
            }
        }
        double wall = wallBefore + (System.nanoTime() - wallStart) / 1e9;
        return writeSummary(state, history, "completed", null, wall);
    }

    private TrainState trainEpoch(int epoch, double lr, TrainState state, double clip, long wallStart, double wallBefore,
                                  List<MetricRow> history) throws IOException {
        model.train();
        DataLoader loader = data.trainLoader();
        int skip = state.batch();
        double lossSum = state.trainLossSum(), seconds = state.trainSeconds();
        long errors = state.trainErrors(), seen = state.trainSeen();
        long t0 = System.nanoTime();
        progress.startEpoch(epoch, config.train().epochs(), loader.batchesPerEpoch());
        int index = 0;
        try (DataLoader.Epoch batches = loader.epoch(epoch)) {
            for (Batch b : batches) {
                index++;
                if (index <= skip) continue; // already trained before the checkpoint we resumed from
                model.reseed(batchSeed(epoch, index));
                Tensor out = model.forward(Batches.input(b));
                Tensor l = loss.compute(out, Batches.target(b));
                float value = l.item();
                if (!Float.isFinite(value)) {
                    progress.endEpoch();
                    String msg = String.format(Locale.ROOT, "loss became %s at epoch %d, batch %d (lr %.4g); stopped. The last good "
                            + "checkpoint is kept in %s. Lower optimizer.lr, add optimizer.clip_norm, or check the data's normalization.",
                            value, epoch, index, lr, run.checkpoints());
                    TrainState failed = withEpochProgress(state, 0, 0, 0, 0, 0);
                    writeSummary(failed, history, "diverged", msg, wallBefore + (System.nanoTime() - wallStart) / 1e9);
                    throw new TrainingDivergedException(msg);
                }
                optimizer.zeroGrad();
                l.backward();
                if (clip > 0) GradClip.byGlobalNorm(model.parameters(), clip);
                optimizer.step();
                lossSum += (double) value * b.size();
                int[] predicted = Batches.predictions(out);
                for (int i = 0; i < b.size(); i++) if (predicted[i] != b.labels()[i]) errors++;
                seen += b.size();
                progress.update(index, seen - (state.batch() > 0 ? state.trainSeen() : 0), lossSum / seen);
                if (stopRequested) {
                    progress.endEpoch();
                    double s = seconds + (System.nanoTime() - t0) / 1e9;
                    TrainState partial = withEpochProgress(state, index, lossSum, errors, seen, s);
                    double wall = wallBefore + (System.nanoTime() - wallStart) / 1e9;
                    partial = withWall(partial, wall);
                    saveCheckpoint(run.lastCheckpoint(), partial);
                    writeSummary(partial, history, "interrupted", "stopped at epoch " + epoch + ", batch " + index
                            + "; continue with: nnrun resume " + run.path(), wall);
                    throw new RunInterruptedException("interrupted at epoch " + epoch + ", batch " + index
                            + "; checkpoint saved. Continue with: nnrun resume " + run.path());
                }
            }
        }
        progress.endEpoch();
        return withEpochProgress(state, 0, lossSum, errors, seen, seconds + (System.nanoTime() - t0) / 1e9);
    }

    /** Dropout masks for batch `index` of `epoch`: a pure function of the run's seed and the position. */
    private long batchSeed(int epoch, int index) {
        return config.seed() * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + index;
    }

    private List<MetricRow> evaluate(int epoch, double lr) {
        List<MetricRow> rows = new ArrayList<>();
        data.validation().ifPresent(v -> rows.add(row(epoch, "val", lr, Evaluation.of(model, loss, data.evalLoader(v), data.numClasses()))));
        rows.add(row(epoch, "test", lr, Evaluation.of(model, loss, data.evalLoader(data.test()), data.numClasses())));
        return rows;
    }

    private static MetricRow row(int epoch, String split, double lr, Evaluation e) {
        return new MetricRow(epoch, split, e.loss(), e.error(), lr, e.seconds(), e.samples() / Math.max(e.seconds(), 1e-9));
    }

    /** The split whose error picks the best checkpoint: validation when there is one, else test. */
    private String monitoredSplit() { return data.validation().isPresent() ? "val" : "test"; }

    private TrainState afterEpoch(int epoch, List<MetricRow> rows, TrainState s, long wallStart, double wallBefore) throws IOException {
        Optional<MetricRow> monitored = rows.stream().filter(r -> r.split().equals(monitoredSplit())).findFirst();
        monitored.ifPresent(r -> schedule.observe(epoch - 1, r.loss()));
        boolean improved = false;
        double best = s.bestError();
        int bestEpoch = s.bestEpoch(), since = s.epochsSinceBest();
        if (monitored.isPresent()) {
            double err = monitored.get().error();
            if (Double.isNaN(best) || err < best) {
                best = err;
                bestEpoch = epoch;
                improved = true;
            }
        }
        double watchedBest = s.watchedBest();
        Optional<EarlyStopping> es = config.train().earlyStopping();
        if (es.isPresent()) {
            Optional<MetricRow> watched = rows.stream().filter(r -> r.split().equals(es.get().split())).findFirst();
            if (watched.isPresent()) {
                double v = watchedValue(watched.get(), es.get());
                boolean better = Double.isNaN(watchedBest) || v < watchedBest;
                if (better) watchedBest = v;
                since = better ? 0 : since + 1;
            }
        }
        double wall = wallBefore + (System.nanoTime() - wallStart) / 1e9;
        TrainState next = new TrainState(epoch, 0, 0, 0, 0, 0, best, bestEpoch, watchedBest, since, schedule.exportState(),
                optimizer.exportState().counters(), wall);
        saveCheckpoint(run.lastCheckpoint(), next);
        if (improved && config.checkpoint().keepBest()) Files.copy(run.lastCheckpoint(), run.bestCheckpoint(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (epoch % config.checkpoint().every() == 0) {
            Files.copy(run.lastCheckpoint(), run.epochCheckpoint(epoch), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            pruneEpochCheckpoints();
        }
        return next;
    }

    private static double watchedValue(MetricRow r, EarlyStopping es) {
        return es.quantity().equals("loss") ? r.loss() : r.error();
    }

    private boolean stopsEarly(TrainState s) {
        return config.train().earlyStopping().map(es -> s.epochsSinceBest() >= es.patience()).orElse(false);
    }

    private void pruneEpochCheckpoints() throws IOException {
        try (Stream<Path> files = Files.list(run.checkpoints())) {
            List<Path> epochs = files.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.ckpt")).sorted().toList();
            for (int i = 0; i < epochs.size() - config.checkpoint().keepLast(); i++) Files.deleteIfExists(epochs.get(i));
        }
    }

    private TrainState withEpochProgress(TrainState s, int batch, double lossSum, long errors, long seen, double seconds) {
        return new TrainState(s.epoch(), batch, lossSum, errors, seen, seconds, s.bestError(), s.bestEpoch(), s.watchedBest(), s.epochsSinceBest(),
                schedule.exportState(), optimizer.exportState().counters(), s.wallSeconds());
    }

    private static TrainState withWall(TrainState s, double wall) {
        return new TrainState(s.epoch(), s.batch(), s.trainLossSum(), s.trainErrors(), s.trainSeen(), s.trainSeconds(),
                s.bestError(), s.bestEpoch(), s.watchedBest(), s.epochsSinceBest(), s.scheduleState(), s.optimizerCounters(), wall);
    }

    // ---------------------------------------------------------------- checkpoints

    private void saveCheckpoint(Path file, TrainState state) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((k, v) -> tensors.put("param." + k, v));
        model.namedBuffers().forEach((k, v) -> tensors.put("buffer." + k, v));
        OptimizerState os = optimizer.exportState();
        os.buffers().forEach((k, v) -> tensors.put("optim." + k, Tensor.of(v, v.length)));
        new Checkpoint(state, tensors).write(file);
    }

    private TrainState restore(Checkpoint c) {
        loadWeights(model, c, run.lastCheckpoint());
        Map<String, float[]> buffers = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> { if (k.startsWith("optim.")) buffers.put(k.substring(6), v.data()); });
        optimizer.importState(new OptimizerState(optimizer.name(), buffers, c.state().optimizerCounters()));
        schedule.importState(c.state().scheduleState());
        return c.state();
    }

    /** Copies a checkpoint's parameters and buffers into a model of the same architecture. */
    public static void loadWeights(Module model, Checkpoint c, Path file) {
        copyInto(model.namedParameters(), c, "param.", file);
        copyInto(model.namedBuffers(), c, "buffer.", file);
    }

    private static void copyInto(Map<String, Tensor> targets, Checkpoint c, String prefix, Path file) {
        for (var e : targets.entrySet()) {
            Tensor saved = c.tensors().get(prefix + e.getKey());
            if (saved == null || !java.util.Arrays.equals(saved.shape(), e.getValue().shape()))
                throw new CheckpointException(file + " does not fit this model: " + prefix + e.getKey() + " is "
                        + (saved == null ? "missing" : "of shape " + java.util.Arrays.toString(saved.shape()))
                        + ", the model needs " + java.util.Arrays.toString(e.getValue().shape())
                        + ". Was the checkpoint written by a run with another model config?");
            try (var off = nnrun.autodiff.GradMode.off()) {
                e.getValue().copyFrom(saved);
            }
        }
    }

    // ---------------------------------------------------------------- reporting

    private static String epochLine(int epoch, int epochs, List<MetricRow> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs));
        for (MetricRow r : rows)
            sb.append(String.format(Locale.ROOT, "  %s loss %.4f error %.2f%%", r.split(), r.loss(), 100 * r.error()));
        MetricRow train = rows.get(0);
        sb.append(String.format(Locale.ROOT, "  lr %.4g  %.1fs  %.0f samples/s", train.lr(), train.seconds(), train.samplesPerSecond()));
        return sb.toString();
    }

    private RunSummary writeSummary(TrainState s, List<MetricRow> history, String status, String message, double wall) {
        Optional<MetricRow> lastTest = lastOf(history, "test"), lastTrain = lastOf(history, "train");
        Optional<MetricRow> bestTest = history.stream().filter(r -> r.split().equals("test"))
                .min(java.util.Comparator.comparingDouble(MetricRow::error));
        double trainSeconds = history.stream().filter(r -> r.split().equals("train")).mapToDouble(MetricRow::seconds).sum();
        long trainSamples = (long) history.stream().filter(r -> r.split().equals("train"))
                .mapToDouble(r -> r.samplesPerSecond() * r.seconds()).sum();
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("optimizer", config.optimizer().name());
        hp.put("lr", config.optimizer().options().toPlain().get("lr"));
        config.optimizer().options().toPlain().forEach((k, v) -> { if (!k.equals("lr")) hp.put(k, v); });
        hp.put("schedule", config.schedule().name());
        hp.put("batch_size", config.train().batchSize());
        hp.put("seed", config.seed());
        RunSummary summary = new RunSummary(config.name(), status, template.dataset(), template.model(), template.modelKind(),
                model.parameterCount(), template.device(), template.deviceReason(), s.epoch(), config.train().epochs(),
                lastTest.map(MetricRow::error).orElse(null), lastTest.map(MetricRow::loss).orElse(null),
                bestTest.map(MetricRow::error).orElse(null), bestTest.map(MetricRow::epoch).orElse(0),
                lastTrain.map(MetricRow::error).orElse(null), lastTrain.map(MetricRow::loss).orElse(null), wall,
                trainSeconds > 0 ? trainSamples / trainSeconds : 0, Backends.current().deviceTime().map(nnrun.backend.DeviceTime::summary).orElse(null), hp,
                RunSummary.currentVersions(), message);
        try {
            summary.write(run.summary());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return summary;
    }

    private static Optional<MetricRow> lastOf(List<MetricRow> rows, String split) {
        MetricRow last = null;
        for (MetricRow r : rows) if (r.split().equals(split)) last = r;
        return Optional.ofNullable(last);
    }
}
