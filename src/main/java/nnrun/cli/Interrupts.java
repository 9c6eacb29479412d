package nnrun.cli;

import java.util.List;
import java.util.function.Consumer;

import sun.misc.Signal;

/**
 * Signals that end a run politely: Ctrl-C's SIGINT, and what schedulers send before they kill a
 * job (Slurm's time limit and preemption, Kubernetes: SIGTERM; a closed terminal: SIGHUP; Slurm's
 * {@code --signal=USR1@N} warning). The first asks the run to stop after its batch and save a
 * checkpoint (or to stop start-up); a second one exits at once with 128 + the signal's number.
 * sun.misc.Signal (jdk.unsupported) is used because a shutdown hook cannot let the training
 * thread finish its checkpoint before the JVM exits.
 */
final class Interrupts {
    /** Signal name and number, the number being what the exit code is made of. */
    private record Handled(String name, int number) {}

    private static final List<Handled> SIGNALS =
            List.of(new Handled("INT", 2), new Handled("TERM", 15), new Handled("HUP", 1), new Handled("USR1", 10));

    private Interrupts() {}

    /** Calls {@code stop} with "SIGTERM" (etc.) on the first of these signals. */
    static void onFirstSignal(Consumer<String> stop) {
        for (Handled s : SIGNALS) {
            try {
                Signal.handle(new Signal(s.name()), first -> {
                    System.err.println("\nSIG" + s.name() + ": finishing this batch and saving a checkpoint (signal again to quit at once)");
                    for (Handled again : SIGNALS) {
                        try {
                            Signal.handle(new Signal(again.name()), second -> Runtime.getRuntime().halt(128 + again.number()));
                        } catch (IllegalArgumentException unsupported) {
                            // as below
                        }
                    }
                    stop.accept("SIG" + s.name());
                });
            } catch (IllegalArgumentException unsupported) {
                // This signal cannot be handled on this platform or JVM: it then ends the JVM the default way.
            }
        }
    }
}
