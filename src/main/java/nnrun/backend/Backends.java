package nnrun.backend;

/** The backend the ops run on. One per process: set once by the run, read by every op. */
public final class Backends {
    private static volatile Backend current = new ReferenceBackend();

    private Backends() {}

    public static Backend current() { return current; }

    public static void use(Backend backend) { current = java.util.Objects.requireNonNull(backend); }
}
