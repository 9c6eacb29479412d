package nnrun.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nnrun.backend.Backends;
import nnrun.backend.DeviceChoice;
import nnrun.backend.DeviceSelector;
import nnrun.backend.JavaBackend;
import nnrun.config.ComponentSpec;
import nnrun.config.ConfigException;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;
import nnrun.config.Location;
import nnrun.data.DataProvenance;
import nnrun.data.DataSources;
import nnrun.data.Downloader;
import nnrun.nn.Sequential;

/**
 * Runs an experiment end to end: config, checks, device, data, run folder, training. Everything
 * that can be checked without data is checked before any data is read, and the run folder is
 * made only once config and data have passed, so a failed start leaves nothing behind.
 */
public final class ExperimentRunner {
    /** Where runs go and where data is looked for; {@code download} false means offline. */
    public record Settings(Path runsRoot, Path dataDir, Map<String, String> env, boolean download, PrintStream out) {}

    private final Settings settings;
    private final StopRequest stop = new StopRequest();

    public ExperimentRunner(Settings settings) { this.settings = settings; }

    /** Stops the run after its current batch, with a checkpoint; before training starts, stops start-up (a signal handler calls this). */
    public void requestStop(String signal) { stop.request(signal); }

    /**
     * Trains a config into a new run folder, or into {@code runDir}; when that folder already
     * holds a checkpoint of this config, continues it instead (a requeued job restarting).
     */
    public RunResult train(Path configFile, List<String> overrides, Optional<Path> runDir) throws IOException {
        ExperimentConfig config = ConfigLoader.load(configFile, overrides);
        if (runDir.isPresent() && new RunDirectory(runDir.get()).hasCheckpoint()) {
            return continueRun(new RunDirectory(runDir.get()), config, config.toYaml(), "--run-dir " + runDir.get(), true);
        }
        ExperimentPlan plan = ExperimentPlan.of(config);
        stop.checkBeforeStart("the config checks");
        DeviceChoice device = selectDevice(config);
        stop.checkBeforeStart("device selection");
        ExperimentData data = loadTrainingData(config, plan);
        stop.checkBeforeStart("data loading");
        Experiment experiment = plan.withData(data);
        Optional<InitialWeights.Report> initial = config.fineTuning().initFrom().map(from -> InitialWeights.load(config.fineTuning(),
                experiment.model()));
        RunDirectory run = runDir.isPresent() ? RunDirectory.at(runDir.get())
                : RunDirectory.create(settings.runsRoot(), config.name(), Instant.now());
        try (RunLock lock = RunLock.acquire(run)) {
            AtomicFiles.writeString(run.config(), config.toYaml());
            AtomicFiles.writeString(run.graph(), ModelGraph.dot(experiment.model(), data.sampleShape()));
            return execute(experiment, run, device, TrainState.start(config.toYaml()), Optional.empty(),
                    initial.map(InitialWeights.Report::lines).orElse(List.of()));
        }
    }

    /** Continues a run from its last checkpoint; {@code epochs} present trains it to that many epochs instead. */
    public RunResult resume(Path runDir, Optional<Integer> epochs) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        ExperimentConfig config = ConfigLoader.load(run.config());
        String asSaved = config.toYaml();
        if (epochs.isPresent()) config = ConfigLoader.load(run.config(), List.of("train.epochs=" + epochs.get()));
        return continueRun(run, config, asSaved, "config.yaml", false);
    }

    /**
     * Continues {@code run} under {@code config}: refuses when {@code claimedYaml} (what the run's
     * config is said to be) differs from what the checkpoint was trained with. A run that has
     * already finished is an error for {@code resume}, and for an idempotent restart ({@code
     * finishedIsDone}: {@code train --run-dir}, a requeued job) simply done.
     */
    private RunResult continueRun(RunDirectory run, ExperimentConfig config, String claimedYaml, String claimedBy,
                                  boolean finishedIsDone) throws IOException {
        try (RunLock lock = RunLock.acquire(run)) {
            Checkpoint checkpoint = Checkpoint.read(run.lastCheckpoint());
            refuseChangedConfig(run, checkpoint, claimedYaml, claimedBy);
            if (finished(run, checkpoint.state(), config)) {
                if (finishedIsDone && java.nio.file.Files.isRegularFile(run.summary())) {
                    settings.out().println("run " + run.path() + " has already finished; nothing to do");
                    return new RunResult(run, RunSummary.read(run.summary()));
                }
                throw new ConfigException(Location.file(run.config().toString()), "train.epochs", "the run has already finished ("
                        + checkpoint.state().epoch() + " of " + config.train().epochs() + " epochs)",
                        "train longer with: nnrun resume " + run.path() + " --epochs N");
            }
            ExperimentPlan plan = ExperimentPlan.of(config);
            run.removeStaleTempFiles();
            DeviceChoice device = selectDevice(config);
            ExperimentData data = loadTrainingData(config, plan);
            requireRecordedData(run, data);
            stop.checkBeforeStart("data loading");
            Experiment experiment = plan.withData(data);
            AtomicFiles.writeString(run.config(), config.toYaml()); // with --epochs, what the run now trains to
            checkpoint.restore(experiment.model(), experiment.optimizer(), experiment.schedule(), run.lastCheckpoint());
            TrainState resumed = checkpoint.state().withConfigFingerprint(config.toYaml());
            return execute(experiment, run, device, resumed, Optional.of(checkpoint), List.of());
        }
    }

    /** All epochs trained, or stopped early: a completed run whose checkpoint has epochs left is done too. */
    private static boolean finished(RunDirectory run, TrainState state, ExperimentConfig config) throws IOException {
        if (state.batch() > 0) return false;
        if (state.epoch() >= config.train().epochs()) return true;
        if (!java.nio.file.Files.isRegularFile(run.summary())) return false;
        RunSummary s = RunSummary.read(run.summary());
        return "completed".equals(s.status()) && s.epochsPlanned() == config.train().epochs();
    }

    private static void refuseChangedConfig(RunDirectory run, Checkpoint checkpoint, String claimedYaml, String claimedBy) {
        String trainedWith = checkpoint.state().configFingerprint();
        if (trainedWith == null) return; // a checkpoint from before configs were recorded in it
        List<String> changes = ConfigChanges.between(trainedWith, claimedYaml);
        if (changes.isEmpty()) return;
        throw new ConfigException(Location.file(run.config().toString()), changes.get(0).substring(0, changes.get(0).indexOf(':')),
                "the config given by " + claimedBy + " differs from the one " + run.lastCheckpoint() + " was trained with: "
                        + String.join("; ", changes) + ". Continuing would not be the same run",
                "restore those values, or start a new run with nnrun train; to train longer use nnrun resume " + run.path() + " --epochs N");
    }

    /**
     * Refuses other data than the run trained on (Fashion-MNIST files where the run read MNIST),
     * naming both fingerprints; runs from before provenance was recorded are not checked.
     */
    private static void requireRecordedData(RunDirectory run, ExperimentData data) throws IOException {
        if (!java.nio.file.Files.isRegularFile(run.summary())) return;
        DataProvenance recorded = RunSummary.read(run.summary()).data();
        if (recorded != null) data.provenance().requireSameDataAs(recorded, run.summary().toString());
    }

    /** A checkpoint's test error and confusion matrix. */
    public record EvalResult(Path checkpoint, Evaluation evaluation, List<String> classNames) {}

    /** Evaluates a run's checkpoint ("best", "last", or a file) on the test split. */
    public EvalResult evaluate(Path runDir, String which) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        ExperimentConfig config = ConfigLoader.load(run.config());
        Path file = TrainedModel.checkpointFile(run, which);
        Checkpoint checkpoint = Checkpoint.read(file);
        ExperimentPlan plan = ExperimentPlan.of(config);
        selectDevice(config);
        ExperimentData data = ExperimentData.load(config, plan.dataset(), dataSources());
        requireRecordedData(run, data);
        Experiment experiment = plan.withData(data);
        checkpoint.loadWeights(experiment.model(), file);
        Evaluation e = Evaluation.of(experiment.model(), experiment.loss(), data.evalLoader(data.test()), data.numClasses());
        return new EvalResult(file, e, data.test().classNames());
    }

    /** The config's data, found as training finds it (for runs that predate inputs.json). */
    public ExperimentData loadData(ExperimentConfig config) { return ExperimentData.load(config, ExperimentPlan.of(config).dataset(), dataSources()); }

    /** The model a config builds, for `nnrun summary` and `nnrun graph` (data is read only if its shape is unknown). */
    public BuiltModel buildModel(Path configFile, List<String> overrides) {
        ExperimentConfig config = ConfigLoader.load(configFile, overrides);
        ExperimentPlan plan = ExperimentPlan.of(config);
        if (plan.model().isPresent()) return new BuiltModel(plan.model().get(), plan.inputShape());
        ExperimentData data = ExperimentData.load(config, plan.dataset(), dataSources());
        return new BuiltModel(plan.withData(data).model(), data.sampleShape());
    }

    public record BuiltModel(Sequential model, int[] inputShape) {}

    /** The result of a run: its folder and its summary. */
    public record RunResult(RunDirectory run, RunSummary summary) {}

    /** @param notes lines for the log about how the run was set up (what init_from loaded) */
    private RunResult execute(Experiment ex, RunDirectory run, DeviceChoice device, TrainState start, Optional<Checkpoint> resumed,
                              List<String> notes) throws IOException {
        ExperimentConfig config = ex.config();
        try (RunLog log = new RunLog(settings.out(), run.log())) {
            log.line((resumed.isPresent() ? "resuming " : "run ") + run.path() + " on " + device.backend().name()
                    + " (" + device.reason() + ")");
            log.line("backend: " + device.backend().description());
            ExperimentData data = ex.data();
            RunInputs.of(data).write(run);
            log.line(String.format(java.util.Locale.ROOT, "data: %s, %d train%s, %d test, %d classes", config.data().dataset().name(),
                    data.train().size(), data.validation().map(v -> ", " + v.size() + " validation").orElse(""),
                    data.test().size(), data.numClasses()));
            data.provenance().warning().ifPresent(w -> log.line("note: " + w));
            log.line("model: " + ex.model().parameterCount() + " parameters, " + describe(config.model()));
            notes.forEach(log::line);
            if (!config.fineTuning().freeze().isEmpty()) log.line("frozen blocks: " + config.fineTuning().freeze());
            ModelSelection selection = new ModelSelection(data.validation().isPresent());
            CheckpointPolicy checkpoints = new CheckpointPolicy(run, config.checkpoint(), ex.model(), ex.optimizer());
            stop.saveWith(checkpoints, "nnrun resume " + run.path());
            SummaryRecorder summary = new SummaryRecorder(run, describe(ex, device), selection.rule(), RunEnvironment.now(settings.env()));
            List<TrainingListener> listeners = List.of(new DivergenceGuard(run), stop,
                    new ProgressListener(Progress.forStdout(config.train().logEvery()), config.train().epochs()),
                    selection, new EarlyStopper(config.train().earlyStopping()), new MetricsRecorder(run), checkpoints,
                    new EpochLogger(log), summary);
            new Trainer(ex, ex.settings(), listeners).fit(start);
            RunSummary s = summary.last();
            log.line("done: test error " + Comparison.percent(s.selectedTestError()) + " at epoch "
                    + (s.selection() == null ? "-" : s.selection().epoch() + " (" + s.selection().rule() + ")")
                    + ", final " + Comparison.percent(s.finalTestError()) + "; run folder " + run.path());
            return new RunResult(run, s);
        }
    }

    private SummaryRecorder.Description describe(Experiment ex, DeviceChoice device) {
        ExperimentConfig config = ex.config();
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("optimizer", config.optimizer().name());
        Map<String, Object> options = config.optimizer().options().toPlain();
        hp.put("lr", options.get("lr"));
        options.forEach((k, v) -> { if (!k.equals("lr")) hp.put(k, v); });
        hp.put("schedule", config.schedule().name());
        hp.put("batch_size", config.train().batchSize());
        return new SummaryRecorder.Description(config.name(), ex.data().provenance().dataset(), describe(config.model()),
                modelKind(config.model()), ex.model().parameterCount(), device.backend().name(), device.reason(),
                config.train().epochs(), config.seed(), hp, ex.data().provenance());
    }

    /** Picks the config's device and makes it the one every op runs on. */
    static DeviceChoice selectDevice(ExperimentConfig config) {
        DeviceChoice choice = new DeviceSelector().select(config.device(), JavaBackend::new);
        Backends.use(choice.backend());
        return choice;
    }

    /** The data to train on, while the CPU kernels warm up on the side (see {@link KernelWarmup}). */
    private ExperimentData loadTrainingData(ExperimentConfig config, ExperimentPlan plan) {
        try (KernelWarmup warmup = KernelWarmup.start(config)) {
            return ExperimentData.load(config, plan.dataset(), dataSources());
        }
    }

    private DataSources dataSources() {
        return new DataSources(settings.dataDir(), settings.env(), Path.of("").toAbsolutePath(),
                settings.download() ? new Downloader(System.err, Duration.ofSeconds(60)) : null);
    }

    /** "flatten → linear 10" style one-liner of the block list. */
    static String describe(List<ComponentSpec> blocks) {
        StringBuilder sb = new StringBuilder();
        for (ComponentSpec b : blocks) {
            if (sb.length() > 0) sb.append(" → ");
            sb.append(b.name());
            Map<String, Object> o = b.options().toPlain();
            Object main = o.containsKey("out") ? o.get("out") : o.get(nnrun.config.Options.VALUE);
            if (main != null) sb.append(' ').append(main);
        }
        return sb.toString();
    }

    /** The slides' three columns: a conv anywhere makes a ConvNet; one linear layer alone is a linear classifier. */
    static String modelKind(List<ComponentSpec> blocks) {
        if (blocks.stream().anyMatch(b -> b.name().startsWith("conv"))) return "ConvNet";
        long linear = blocks.stream().filter(b -> b.name().equals("linear")).count();
        return linear <= 1 ? "Linear" : "FCNN";
    }
}
