package nnrun.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import nnrun.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Test error and confusion matrix of a run's checkpoint.",
        footer = {"", "Examples:", "  nnrun eval runs/20261122-101500_mnist_fcnn",
                "  nnrun eval runs/20261122-101500_mnist_fcnn --checkpoint last",
                "  run=runs/20261122-101500_mnist_fcnn",
                "  nnrun eval $run --checkpoint $run/checkpoints/epoch-0004.ckpt"})
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "The run folder, e.g. runs/20261122-101500_mnist_fcnn.")
    Path runDir;

    @Option(names = "--checkpoint", paramLabel = "best|last|FILE", defaultValue = "best", completionCandidates = Checkpoints.class,
            description = "best, last, or a checkpoint file (default: ${DEFAULT-VALUE}).")
    String checkpoint;

    @Mixin DataOptions data;
    @Mixin ThreadsOption threads;

    static final class Checkpoints extends java.util.ArrayList<String> {
        Checkpoints() { super(java.util.List.of("best", "last")); }
    }

    @Override public Integer call() throws Exception {
        threads.use();
        ExperimentRunner.EvalResult r = data.runner(System.out).evaluate(runDir, checkpoint);
        System.out.printf(Locale.ROOT, "%s: test error %.2f%% (loss %.4f) on %d samples%n%n", r.checkpoint(),
                100 * r.evaluation().error(), r.evaluation().loss(), r.evaluation().samples());
        System.out.print(r.evaluation().confusionTable(r.classNames()));
        return ExitCode.OK;
    }
}
