package nnrun.backend;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Arrays released by finished steps, by length, for the next step to reuse: a backend's caching
 * allocator, as PyTorch's. Training allocates the same lengths every step, so after the first step
 * a step's activations and gradients come from here instead of from the garbage-collected heap.
 * Bounded: past the limit a released array is dropped instead (the collector takes it).
 */
public final class ArrayCache {
    private final Shelves<float[]> floats = new Shelves<>(float[]::new);
    private final Shelves<int[]> ints = new Shelves<>(int[]::new);
    private final long limitBytes;
    private final Consumer<Object> dropped;
    private long cachedBytes;

    /** @param dropped told of each array the cache lets go (a device backend frees its device copy) */
    public ArrayCache(long limitBytes, Consumer<Object> dropped) {
        this.limitBytes = limitBytes;
        this.dropped = dropped;
    }

    /** A quarter of the heap: enough for the steps of any model that trains in the rest of it. */
    public static long defaultLimit() { return Runtime.getRuntime().maxMemory() / 4; }

    /**
     * A float array of length n: a released one when there is one, with whatever values it held
     * (the caller zeroes it if it needs zeros), else a new one.
     */
    public synchronized float[] floats(int n) { return floats.take(n); }

    /** An int array of length n, as {@link #floats}. */
    public synchronized int[] ints(int n) { return ints.take(n); }

    public synchronized void release(float[] a) { floats.put(a, a.length); }

    public synchronized void release(int[] a) { ints.put(a, a.length); }

    /** Lets go of every cached array (a device out of memory asks for this before it gives up). */
    public synchronized void clear() {
        floats.clear();
        ints.clear();
        cachedBytes = 0;
    }

    /** Free arrays of one element type, by length; the byte count and the limit are the cache's. */
    private final class Shelves<A> {
        private final Map<Integer, ArrayDeque<A>> byLength = new HashMap<>();
        private final IntFunction<A> fresh;

        Shelves(IntFunction<A> fresh) { this.fresh = fresh; }

        A take(int n) {
            ArrayDeque<A> free = byLength.get(n);
            A a = free == null ? null : free.poll();
            if (a == null) return fresh.apply(n);
            cachedBytes -= 4L * n;
            return a;
        }

        void put(A a, int length) {
            if (cachedBytes + 4L * length > limitBytes) {
                dropped.accept(a);
                return;
            }
            byLength.computeIfAbsent(length, k -> new ArrayDeque<>()).push(a);
            cachedBytes += 4L * length;
        }

        void clear() {
            byLength.values().forEach(q -> q.forEach(dropped));
            byLength.clear();
        }
    }
}
