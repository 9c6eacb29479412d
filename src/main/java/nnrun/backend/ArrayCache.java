package nnrun.backend;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Arrays released by finished steps, by length, for the next step to reuse: a backend's caching
 * allocator, as PyTorch's. Training allocates the same lengths every step, so after the first step
 * a step's activations and gradients come from here instead of from the garbage-collected heap.
 * Bounded: past {@link #limitBytes} a released array is dropped instead (the collector takes it).
 */
public final class ArrayCache {
    private final Map<Integer, ArrayDeque<float[]>> floats = new HashMap<>();
    private final Map<Integer, ArrayDeque<int[]>> ints = new HashMap<>();
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
    public synchronized float[] floats(int n) {
        ArrayDeque<float[]> free = floats.get(n);
        float[] a = free == null ? null : free.poll();
        if (a == null) return new float[n];
        cachedBytes -= 4L * n;
        return a;
    }

    /** An int array of length n, as {@link #floats}. */
    public synchronized int[] ints(int n) {
        ArrayDeque<int[]> free = ints.get(n);
        int[] a = free == null ? null : free.poll();
        if (a == null) return new int[n];
        cachedBytes -= 4L * n;
        return a;
    }

    public synchronized void release(float[] a) {
        if (cachedBytes + 4L * a.length > limitBytes) {
            dropped.accept(a);
            return;
        }
        floats.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        cachedBytes += 4L * a.length;
    }

    public synchronized void release(int[] a) {
        if (cachedBytes + 4L * a.length > limitBytes) {
            dropped.accept(a);
            return;
        }
        ints.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        cachedBytes += 4L * a.length;
    }

    /** Lets go of every cached array (a device out of memory asks for this before it gives up). */
    public synchronized void clear() {
        floats.values().forEach(q -> q.forEach(dropped));
        ints.values().forEach(q -> q.forEach(dropped));
        floats.clear();
        ints.clear();
        cachedBytes = 0;
    }

    public synchronized long cachedBytes() { return cachedBytes; }
}
