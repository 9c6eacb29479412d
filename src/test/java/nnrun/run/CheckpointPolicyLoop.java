package nnrun.run;

import java.nio.file.Path;
import java.util.Map;

import nnrun.autodiff.Generator;
import nnrun.config.CheckpointConfig;
import nnrun.nn.Linear;
import nnrun.nn.Sequential;
import nnrun.optim.Sgd;

/**
 * Child process for {@link CheckpointPolicyKillTest}: epoch after epoch of a 4 MB model, each one
 * selected as best and kept as an epoch file (keep_last 2), until killed.
 */
public final class CheckpointPolicyLoop {
    public static void main(String[] args) throws Exception {
        RunDirectory run = new RunDirectory(Path.of(args[0]));
        Sequential model = new Sequential(new Linear(1024, 1024, new Generator(1)));
        CheckpointPolicy policy = new CheckpointPolicy(run, new CheckpointConfig(1, 2, true), model,
                new Sgd(model.namedParameters(), 0.1));
        for (int epoch = 1; ; epoch++) {
            TrainState s = TrainState.start("seed: 0\n").atEpochEnd(epoch, Map.of(), Map.of()).withSelection(0.1, epoch);
            policy.afterEpoch(Epochs.of(epoch, "test", 0.1), s);
        }
    }
}
