package nnrun.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import nnrun.autodiff.Generator;
import nnrun.config.ConfigLoader;
import nnrun.config.ExperimentConfig;
import nnrun.nn.ModelBuilder;
import nnrun.nn.Sequential;

/**
 * A run's model as training left it, ready for inference: the run's config, the model it builds
 * with a checkpoint's weights (in eval mode), and the run's {@link RunInputs} (input shape,
 * normalization, class names). The one place `nnrun predict` and `nnrun export` reload a run.
 */
public record TrainedModel(RunDirectory run, ExperimentConfig config, Sequential model, Path checkpoint, RunInputs inputs) {

    /**
     * Loads a run folder's model with the checkpoint {@code which} ("best", "last" or a file).
     * A run trained before nnrun stored inputs.json gets them recomputed from its training data,
     * read with {@code trainingData}, with a note on {@code notes}. {@code onConfiguredDevice}: build
     * the model on the config's device to run it there (predict), or on the current backend when
     * only its weights are read (export).
     */
    public static TrainedModel load(Path runDir, String which, Function<ExperimentConfig, ExperimentData> trainingData,
                                    PrintStream notes, boolean onConfiguredDevice) {
        RunDirectory run = RunDirectory.open(runDir);
        ExperimentConfig config = ConfigLoader.load(run.config());
        if (onConfiguredDevice) ExperimentRunner.selectDevice(config);
        Path file = checkpointFile(run, which);
        Checkpoint checkpoint = Checkpoint.read(file);
        RunInputs inputs = RunInputs.read(run).orElseGet(() -> {
            notes.println("note: " + RunInputs.file(run) + " is missing (the run predates it); recomputing the input"
                    + " normalization and class names from the training data");
            return RunInputs.of(trainingData.apply(config));
        });
        Sequential model = new ModelBuilder().build(config.model(), inputs.sampleShape(), new Generator(config.seed()));
        checkpoint.loadWeights(model, file);
        model.eval();
        return new TrainedModel(run, config, model, file, inputs);
    }

    /** The checkpoint file that "best", "last" or a path names, with advice when the run has none. */
    public static Path checkpointFile(RunDirectory run, String which) {
        Path file = switch (which) {
            case "best" -> run.bestCheckpoint();
            case "last" -> run.lastCheckpoint();
            default -> Path.of(which);
        };
        if (Files.isRegularFile(file)) return file;
        boolean named = which.equals("best") || which.equals("last");
        if (named && !Files.isRegularFile(run.lastCheckpoint()))
            throw new CheckpointException(run.path() + " has no checkpoint (" + run.checkpoints()
                    + " holds no last.ckpt): the run stopped before its first checkpoint; train it again or resume it");
        if (which.equals("best"))
            throw new CheckpointException(run.path() + " has no best.ckpt (checkpoint.keep_best was off);"
                    + " use --checkpoint last or an epoch-NNNN.ckpt file");
        throw new CheckpointException("checkpoint " + file + " does not exist; use --checkpoint best, last, or a file in "
                + run.checkpoints());
    }
}
