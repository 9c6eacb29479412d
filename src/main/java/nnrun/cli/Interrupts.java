package nnrun.cli;

import sun.misc.Signal;

/**
 * Ctrl-C during training: the first one asks the run to stop after its batch and save a
 * checkpoint; a second one exits at once. sun.misc.Signal (jdk.unsupported) is used because a
 * shutdown hook cannot let the training thread finish its checkpoint before the JVM exits.
 */
final class Interrupts {
    private Interrupts() {}

    static void onFirstInterrupt(Runnable stop) {
        try {
            Signal.handle(new Signal("INT"), first -> {
                System.err.println("\ninterrupt: finishing this batch and saving a checkpoint (Ctrl-C again to quit at once)");
                Signal.handle(new Signal("INT"), second -> Runtime.getRuntime().halt(ExitCode.INTERRUPTED));
                stop.run();
            });
        } catch (IllegalArgumentException unsupported) {
            // No SIGINT on this platform or JVM: Ctrl-C then ends the JVM the default way.
        }
    }
}
