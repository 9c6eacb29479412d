package nnrun.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nnrun.backend.Backends;
import nnrun.backend.DeviceChoice;
import nnrun.backend.DeviceSelector;
import nnrun.backend.JavaBackend;
import nnrun.config.ComponentSpec;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;
import nnrun.data.DatasetLocator;
import nnrun.data.DatasetRepository;
import nnrun.data.Downloader;
import nnrun.loss.Loss;
import nnrun.nn.Sequential;
import nnrun.optim.LrSchedule;
import nnrun.optim.Optimizer;

/**
 * Runs an experiment end to end: config, checks, device, run folder, data, model, training.
 * Everything that can be checked without data is checked before any data is read.
 */
public final class ExperimentRunner {
    /** Where runs go and where data is looked for; {@code download} false means offline. */
    public record Settings(Path runsRoot, Path dataDir, Map<String, String> env, boolean download, PrintStream out) {}

    private final Settings settings;
    private volatile Trainer active;

    public ExperimentRunner(Settings settings) { this.settings = settings; }

    /** Stops a run in progress after its current batch, with a checkpoint (Ctrl-C). */
    public void requestStop() {
        Trainer t = active;
        if (t != null) t.requestStop();
    }

    public RunResult train(Path configFile, List<String> overrides) throws IOException {
        ExperimentConfig config = ConfigLoader.load(configFile, overrides);
        Components.validate(config);
        DeviceChoice device = selectDevice(config);
        RunDirectory run = RunDirectory.create(settings.runsRoot(), config.name(), Instant.now());
        AtomicFiles.writeString(run.config(), config.toYaml());
        return execute(config, run, device, Optional.empty());
    }

    public RunResult resume(Path runDir) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        ExperimentConfig config = ConfigLoader.load(run.config());
        Components.validate(config);
        Checkpoint checkpoint = Checkpoint.read(run.lastCheckpoint());
        run.removeStaleTempFiles();
        DeviceChoice device = selectDevice(config);
        return execute(config, run, device, Optional.of(checkpoint));
    }

    /** A checkpoint's test error and confusion matrix. */
    public record EvalResult(Path checkpoint, Evaluation evaluation, List<String> classNames) {}

    /** Evaluates a run's checkpoint ("best", "last", or a file) on the test split. */
    public EvalResult evaluate(Path runDir, String which) throws IOException {
        RunDirectory run = RunDirectory.open(runDir);
        ExperimentConfig config = ConfigLoader.load(run.config());
        Path file = switch (which) {
            case "best" -> run.bestCheckpoint();
            case "last" -> run.lastCheckpoint();
            default -> Path.of(which);
        };
        Checkpoint checkpoint = Checkpoint.read(file);
        selectDevice(config);
        ExperimentData data = ExperimentData.load(config, repository(config));
        Sequential model = Components.model(config, data.sampleShape());
        Trainer.loadWeights(model, checkpoint, file);
        Evaluation e = Evaluation.of(model, Components.loss(config), data.evalLoader(data.test()), data.numClasses());
        return new EvalResult(file, e, data.test().classNames());
    }

    /** The model a config builds, for `nnrun summary` and `nnrun graph` (data is read only if its shape is unknown). */
    public BuiltModel buildModel(Path configFile, List<String> overrides) {
        ExperimentConfig config = ConfigLoader.load(configFile, overrides);
        Components.validate(config);
        int[] shape = Components.knownInputShape(config)
                .orElseGet(() -> ExperimentData.load(config, repository(config)).sampleShape());
        return new BuiltModel(Components.model(config, shape), shape);
    }

    public record BuiltModel(Sequential model, int[] inputShape) {}

    /** The result of a run: its folder and its summary. */
    public record RunResult(RunDirectory run, RunSummary summary) {}

    private RunResult execute(ExperimentConfig config, RunDirectory run, DeviceChoice device, Optional<Checkpoint> resume)
            throws IOException {
        try (RunLog log = new RunLog(settings.out(), run.log())) {
            log.line((resume.isPresent() ? "resuming " : "run ") + run.path() + " on " + device.backend().name()
                    + " (" + device.reason() + ")");
            log.line("backend: " + device.backend().description());
            ExperimentData data = ExperimentData.load(config, repository(config));
            log.line(String.format(java.util.Locale.ROOT, "data: %s, %d train%s, %d test, %d classes", config.data().dataset(),
                    data.train().size(), data.validation().map(v -> ", " + v.size() + " validation").orElse(""),
                    data.test().size(), data.numClasses()));
            Sequential model = Components.model(config, data.sampleShape());
            Loss loss = Components.loss(config);
            Optimizer optimizer = Components.optimizer(config, model.namedParameters());
            LrSchedule schedule = Components.schedule(config);
            if (resume.isEmpty()) AtomicFiles.writeString(run.graph(), ModelGraph.dot(model, data.sampleShape()));
            log.line("model: " + model.parameterCount() + " parameters, " + describe(config.model()));
            Trainer trainer = new Trainer(config, model, loss, optimizer, schedule, data, run, log, Progress.forStdout(config.train().logEvery()),
                    new Trainer.RunSummaryTemplate(config.data().dataset(), describe(config.model()), modelKind(config.model()),
                            device.backend().name(), device.reason()));
            active = trainer;
            try {
                RunSummary summary = trainer.fit(resume);
                log.line("done: best test error " + Comparison.percent(summary.bestTestError()) + " (epoch " + summary.bestEpoch()
                        + "), final " + Comparison.percent(summary.finalTestError()) + "; run folder " + run.path());
                return new RunResult(run, summary);
            } finally {
                active = null;
            }
        }
    }

    /** Picks the config's device and makes it the one every op runs on. */
    static DeviceChoice selectDevice(ExperimentConfig config) {
        DeviceChoice choice = new DeviceSelector().select(config.device().name().toLowerCase(java.util.Locale.ROOT), JavaBackend::new);
        Backends.use(choice.backend());
        return choice;
    }

    private DatasetRepository repository(ExperimentConfig config) {
        Path configPath = config.data().path().map(Path::of).orElse(null);
        DatasetLocator locator = new DatasetLocator(configPath, settings.dataDir(), settings.env(), Path.of("").toAbsolutePath());
        return new DatasetRepository(locator, settings.download() ? new Downloader(System.err, Duration.ofSeconds(60)) : null);
    }

    /** "flatten → linear 10" style one-liner of the block list. */
    static String describe(List<ComponentSpec> blocks) {
        StringBuilder sb = new StringBuilder();
        for (ComponentSpec b : blocks) {
            if (sb.length() > 0) sb.append(" → ");
            sb.append(b.name());
            Map<String, Object> o = b.options().toPlain();
            Object main = o.containsKey("out") ? o.get("out") : o.get("value");
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
