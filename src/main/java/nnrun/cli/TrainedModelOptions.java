package nnrun.cli;

import java.nio.file.Path;

import nnrun.run.ExperimentRunner;
import nnrun.run.TrainedModel;
import picocli.CommandLine.Option;

/** Which checkpoint of a run to load, and where its training data is for runs that predate inputs.json. */
final class TrainedModelOptions {
    @Option(names = "--checkpoint", defaultValue = "best", paramLabel = "best|last|FILE",
            description = "best, last, or a checkpoint file (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the training data is, only for runs without inputs.json (before $NNRUN_DATA and ./data).")
    Path dataDir;

    @Option(names = "--offline", description = "Never download datasets (only runs without inputs.json read them).")
    boolean offline;

    /** {@code onConfiguredDevice}: see {@link TrainedModel#load}. */
    TrainedModel load(Path runDir, boolean onConfiguredDevice) {
        ExperimentRunner runner = new ExperimentRunner(new ExperimentRunner.Settings(Path.of("runs"), dataDir, System.getenv(), !offline, System.err));
        try {
            return TrainedModel.load(runDir, checkpoint, runner::loadData, System.err, onConfiguredDevice);
        } catch (IllegalArgumentException notARun) {
            throw new UsageException(notARun.getMessage());
        }
    }
}
