package nnrun.run;

import java.io.IOException;

/**
 * A request to stop (Ctrl-C, or SIGTERM/SIGHUP/SIGUSR1 from a scheduler) that training honours
 * after the batch in progress: it saves last.ckpt at that batch, so {@code nnrun resume}
 * continues bit for bit, then ends the run as interrupted.
 */
public final class StopRequest implements TrainingListener {
    private volatile String signal;
    private CheckpointPolicy checkpoints;
    private String resumeHint = "";

    /** Asks the run to stop; {@code signal} names the cause ("SIGTERM"). Safe to call from a signal handler thread. */
    public void request(String signal) { this.signal = signal; }

    public boolean requested() { return signal != null; }

    /** Throws if a stop was requested before training began (during start-up). */
    public void checkBeforeStart(String stage) {
        if (signal != null) throw new RunInterruptedException(signal, signal + " during " + stage + "; nothing was trained");
    }

    void saveWith(CheckpointPolicy policy, String resumeCommand) {
        this.checkpoints = policy;
        this.resumeHint = resumeCommand;
    }

    @Override public void onStart(TrainState state) { checkBeforeStart("start-up"); }

    @Override public void afterBatch(BatchReport b, TrainState state) throws IOException {
        if (signal == null) return;
        checkpoints.saveLast(state);
        throw new RunInterruptedException(signal, signal + ": stopped at epoch " + b.epoch() + ", batch " + b.index()
                + "; checkpoint saved. Continue with: " + resumeHint);
    }
}
