package nnrun.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nnrun.backend.Backend;
import nnrun.backend.Backends;

/**
 * The arrays one step of work allocates, handed back to the backend when the step ends. A training
 * step opens a scope; the ops inside allocate their outputs, gradients and saved values through
 * {@link #floats} (zeroed) or {@link #empty} and {@link #emptyIndices} (a kernel overwrites them),
 * and closing the scope releases them all to the backend's cache ({@link Backend#release}), where
 * the next step finds them: no garbage for the collector, and on a
 * device no allocation per step. Outside a scope the same calls are plain {@code new} arrays.
 *
 * <p>The contract is the step's: nothing allocated in the scope may be used after it closes. The
 * training step guarantees that by dropping the gradients (PyTorch's {@code zero_grad(set_to_none)})
 * before it closes; the loss and error count leave it as numbers.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<MemoryScope> CURRENT = new ThreadLocal<>();

    private final Backend backend;
    private final MemoryScope outer;
    private final List<float[]> floats = new ArrayList<>();
    private final List<int[]> ints = new ArrayList<>();

    private MemoryScope(Backend backend, MemoryScope outer) {
        this.backend = backend;
        this.outer = outer;
    }

    /** Opens a scope on this thread, on the current backend; scopes nest. */
    public static MemoryScope open() {
        MemoryScope s = new MemoryScope(Backends.current(), CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** n zeroed floats: owned by the innermost open scope, or a plain new array when none is open. */
    public static float[] floats(int n) {
        MemoryScope s = CURRENT.get();
        if (s == null) return new float[n];
        float[] a = s.own(s.backend.allocate(n));
        Arrays.fill(a, 0f);
        return a;
    }

    /**
     * n floats with unspecified values, for the output of a kernel that writes every element (as
     * PyTorch's {@code empty}): a reused array is not zeroed first, which for a step's megabytes of
     * activations and gradients is the cost that matters.
     */
    public static float[] empty(int n) {
        MemoryScope s = CURRENT.get();
        return s == null ? new float[n] : s.own(s.backend.allocate(n));
    }

    /** n ints with unspecified values, as {@link #empty} (max pooling's argmax). */
    public static int[] emptyIndices(int n) {
        MemoryScope s = CURRENT.get();
        if (s == null) return new int[n];
        int[] a = s.backend.allocateIndices(n);
        s.ints.add(a);
        return a;
    }

    private float[] own(float[] a) {
        floats.add(a);
        return a;
    }

    /** Whether a scope is open on this thread. */
    public static boolean isOpen() { return CURRENT.get() != null; }

    /**
     * Moves an array this scope owns to the enclosing scope, which then releases it (a layer's output
     * outlives the layer's own scratch). An array this scope does not own is left alone.
     */
    public void handOver(float[] array) {
        if (outer != null && removeOwned(floats, array)) outer.floats.add(array);
    }

    /**
     * Releases an array of the innermost scope before the scope ends, because nothing will read it
     * again (an inference's activation once the next layer has consumed it). An array the scope does
     * not own (a caller's input, a weight) is left alone.
     */
    public static void releaseEarly(float[] array) {
        MemoryScope s = CURRENT.get();
        if (s != null && removeOwned(s.floats, array)) s.backend.release(array);
    }

    private static boolean removeOwned(List<float[]> owned, float[] array) {
        for (int i = owned.size() - 1; i >= 0; i--)
            if (owned.get(i) == array) {
                owned.remove(i);
                return true;
            }
        return false;
    }

    /** Releases every array of this scope to the backend; their values are gone from now on. */
    @Override public void close() {
        if (CURRENT.get() != this) throw new IllegalStateException("memory scopes must close innermost first");
        CURRENT.set(outer);
        for (float[] a : floats) backend.release(a);
        for (int[] a : ints) backend.release(a);
        floats.clear();
        ints.clear();
    }
}
