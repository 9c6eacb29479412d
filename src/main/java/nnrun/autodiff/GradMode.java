package nnrun.autodiff;

/**
 * Whether ops record the graph on this thread. {@code try (var s = GradMode.off()) {...}} is
 * PyTorch's {@code torch.no_grad()}: evaluation and optimizer updates record nothing.
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {}

    public static boolean isEnabled() { return ENABLED.get(); }

    /** Disables recording until the returned scope is closed, then restores the previous mode. */
    public static Scope off() { return set(false); }

    public static Scope on() { return set(true); }

    private static Scope set(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /** A mode change that ends when closed; closing never throws. */
    public interface Scope extends AutoCloseable {
        @Override void close();
    }
}
