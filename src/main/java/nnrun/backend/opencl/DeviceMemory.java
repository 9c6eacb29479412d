package nnrun.backend.opencl;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_event;
import org.jocl.cl_mem;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.jocl.CL.*;

/**
 * The device copies of Java arrays, and which side holds the newer values.
 *
 * <p>The Backend contract hands kernels plain arrays. Each array a kernel touches gets a device
 * buffer the first time, allocated outside the Java heap (so the garbage collector can move the
 * array without touching the device copy). An array is uploaded only when the host holds newer
 * values than the device; a kernel's outputs become device-newer and stay there, so the output of
 * one kernel reaches the next without a copy. The host gets values back only when it asks: to
 * read ({@link #toHost}), after which both copies are equal and stay so, or to write
 * ({@link #hostWrites}), after which the host's are the newer ones.
 *
 * <p>A training step's arrays come from the backend's {@link nnrun.backend.ArrayCache} and go back
 * to it when the step ends, each with its device buffer: from the second step on, a step allocates
 * nothing on the device. An array the cache lets go of is {@link #free}d at once. Arrays made
 * outside a step keep their buffer as long as they live: when the collector takes one, its buffer
 * goes into a pool by size for the next array of that size. Nothing here asks the collector to run.
 */
final class DeviceMemory {
    /** Which side holds values the other lacks. */
    private enum Newer { HOST, DEVICE, NEITHER }

    private static final class Resident extends WeakReference<Object> {
        final int hash;
        final cl_mem mem;
        final long bytes;
        Newer newer = Newer.HOST;
        /** Counts the kernels that wrote the array and the times the host took it over. */
        long stamp;

        Resident(Object array, int hash, cl_mem mem, long bytes, ReferenceQueue<Object> queue) {
            super(array, queue);
            this.hash = hash;
            this.mem = mem;
            this.bytes = bytes;
        }
    }

    private final OpenClContext cl;
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final Map<Integer, List<Resident>> residents = new HashMap<>();
    private final Map<Long, ArrayDeque<cl_mem>> pool = new HashMap<>();
    private final long budget;
    private long liveBytes, pooledBytes;

    /** Asked to let go of cached arrays when the device is short of memory (the backend's cache frees them here). */
    private Runnable pressure = () -> {};

    DeviceMemory(OpenClContext cl) {
        this.cl = cl;
        this.budget = cl.globalMemBytes / 4 * 3;
    }

    void onPressure(Runnable relieve) { this.pressure = relieve; }

    /** The array's device buffer with the array's current values (uploaded if the host's are newer). */
    synchronized cl_mem forReading(Object array) {
        Resident r = resident(array);
        if (r.newer == Newer.HOST) {
            upload(r, array);
            r.newer = Newer.NEITHER;
        }
        return r.mem;
    }

    /** The array's device buffer for a kernel that overwrites every element it will later be read at. */
    synchronized cl_mem forOverwriting(Object array) {
        return resident(array).mem;
    }

    /** After a kernel wrote the array: the device now holds the newer values. */
    synchronized void written(Object array) {
        Resident r = find(array);
        r.newer = Newer.DEVICE;
        r.stamp++;
    }

    /**
     * Brings the device's newer values of an array back for the host to read. Both copies are then
     * equal, so the next kernel that reads the array uploads nothing. A download here is a host
     * fallback: code outside the backend wanted values a kernel had made.
     */
    synchronized void toHost(Object array) {
        Resident r = findOrNull(array);
        if (r != null) bringBack(r, array);
    }

    /**
     * The host is about to write into the array: the device's newer values come back first (the
     * host may write only part of it), and from then on the host's are the newer ones, so the next
     * kernel that reads the array uploads it.
     */
    synchronized void hostWrites(Object array) {
        Resident r = findOrNull(array);
        if (r == null) return;
        bringBack(r, array);
        r.newer = Newer.HOST;
        r.stamp++;
    }

    /** The device's newer values to the host, counted as a fallback; afterwards both copies are equal. */
    private void bringBack(Resident r, Object array) {
        if (r.newer != Newer.DEVICE) return;
        download(r, array);
        cl.stats.fellBackToHost();
        r.newer = Newer.NEITHER;
    }

    /** A result the backend itself brings back (a loss, an error count): a download, not a fallback. */
    synchronized void readout(Object array) {
        Resident r = find(array);
        if (r.newer == Newer.DEVICE) download(r, array);
        r.newer = Newer.NEITHER;
    }

    /** Changes whenever a kernel writes the array or the host takes it over to write (-1: the device never saw it). */
    synchronized long stamp(Object array) {
        Resident r = findOrNull(array);
        return r == null ? -1 : r.stamp;
    }

    /** The array's values will not be read again (it goes back to a cache): the next kernel that reads it uploads the host's. */
    synchronized void discardValues(Object array) {
        Resident r = findOrNull(array);
        if (r == null) return;
        r.newer = Newer.HOST;
        r.stamp++;
    }

    /** The array will never reach a kernel again: its buffer goes into the pool now. */
    synchronized void free(Object array) {
        Resident r = findOrNull(array);
        if (r == null) return;
        List<Resident> bucket = residents.get(r.hash);
        if (bucket.remove(r) && bucket.isEmpty()) residents.remove(r.hash);
        r.clear();
        pool(r);
    }

    /** Device memory held: buffers of live arrays and the pool (for tests that watch it stay flat). */
    synchronized long heldBytes() {
        reclaim();
        return liveBytes + pooledBytes;
    }

    /** Whether the device holds values of this array that the host has not seen (for tests). */
    synchronized boolean deviceNewer(Object array) {
        Resident r = findOrNull(array);
        return r != null && r.newer == Newer.DEVICE;
    }

    private Resident resident(Object array) {
        Resident r = findOrNull(array);
        if (r != null) return r;
        reclaim();
        long bytes = Math.max(4, 4L * java.lang.reflect.Array.getLength(array));
        int hash = System.identityHashCode(array);
        r = new Resident(array, hash, allocate(bytes), bytes, collected);
        residents.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(r);
        liveBytes += bytes;
        return r;
    }

    private Resident find(Object array) {
        Resident r = findOrNull(array);
        if (r == null) throw new IllegalStateException("no device buffer for an array the kernel wrote");
        return r;
    }

    private Resident findOrNull(Object array) {
        List<Resident> bucket = residents.get(System.identityHashCode(array));
        if (bucket != null) for (Resident r : bucket) if (r.get() == array) return r;
        return null;
    }

    private cl_mem allocate(long bytes) {
        ArrayDeque<cl_mem> free = pool.get(bytes);
        if (free != null && !free.isEmpty()) {
            pooledBytes -= bytes;
            return free.pop();
        }
        if (liveBytes + pooledBytes + bytes > budget) relieve();
        try {
            return clCreateBuffer(cl.context, CL_MEM_READ_WRITE, bytes, null, null);
        } catch (CLException full) {
            relieve();
        }
        try {
            return clCreateBuffer(cl.context, CL_MEM_READ_WRITE, bytes, null, null);
        } catch (CLException e) {
            throw new IllegalStateException("the OpenCL device " + cl.deviceName + " has no room for " + bytes
                    + " more bytes (" + liveBytes + " in use): lower train.batch_size or use --device java", e);
        }
    }

    /** Short of memory: the cache lets go of its arrays, and the pool's buffers are freed. */
    private void relieve() {
        pressure.run();
        reclaim();
        releasePool();
    }

    /** Returns the buffers of collected arrays to the pool. */
    private void reclaim() {
        for (Object ref; (ref = collected.poll()) != null; ) {
            Resident r = (Resident) ref;
            List<Resident> bucket = residents.get(r.hash);
            if (bucket != null && bucket.remove(r)) {
                if (bucket.isEmpty()) residents.remove(r.hash);
                pool(r);
            }
        }
    }

    private void pool(Resident r) {
        liveBytes -= r.bytes;
        pool.computeIfAbsent(r.bytes, b -> new ArrayDeque<>()).push(r.mem);
        pooledBytes += r.bytes;
    }

    private void releasePool() {
        for (ArrayDeque<cl_mem> free : pool.values()) for (cl_mem m : free) clReleaseMemObject(m);
        pool.clear();
        pooledBytes = 0;
    }

    private void upload(Resident r, Object array) {
        long bytes = 4L * java.lang.reflect.Array.getLength(array);
        if (bytes == 0) return;
        cl_event event = new cl_event();
        clEnqueueWriteBuffer(cl.queue, r.mem, CL_TRUE, 0, bytes, pointer(array), 0, null, event);
        cl.stats.uploaded(bytes, OpenClContext.durationNanos(event));
    }

    private void download(Resident r, Object array) {
        long bytes = 4L * java.lang.reflect.Array.getLength(array);
        if (bytes == 0) return;
        cl_event event = new cl_event();
        clEnqueueReadBuffer(cl.queue, r.mem, CL_TRUE, 0, bytes, pointer(array), 0, null, event);
        cl.stats.downloaded(bytes, OpenClContext.durationNanos(event));
    }

    private static Pointer pointer(Object array) {
        if (array instanceof float[] f) return Pointer.to(f);
        if (array instanceof int[] i) return Pointer.to(i);
        throw new IllegalArgumentException("device buffers hold float[] or int[], not " + array.getClass().getSimpleName());
    }
}
