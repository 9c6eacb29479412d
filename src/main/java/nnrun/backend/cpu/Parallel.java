package nnrun.backend.cpu;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed pool of daemon worker threads, one fewer than the threads it runs on: the calling
 * thread always takes a share of the work, so a call with one task never hands off at all.
 *
 * <p>Workers poll for {@value #SPIN_NANOS} ns after each call before they park, as OpenMP's
 * threads do: a training step makes dozens of calls microseconds apart, and waking a parked
 * executor thread for each cost 5-10 µs per call. One call runs at a time; a caller that finds
 * the pool busy (another backend's thread, or a task calling back in) runs its tasks itself.
 * A call never waits for a particular worker: whoever is there claims tasks, and the caller
 * does the rest.
 */
public final class Parallel {

    /** Below this many multiply-adds (or element operations) a hand-off costs more than it saves. */
    public static final long MIN_PARALLEL_WORK = 1L << 16;

    private static final long SPIN_NANOS = 50_000;
    /**
     * The first part of the poll spins on the core; the rest yields it, so that with more
     * runnable threads than cores (parallel sweeps, other jobs) a polling worker does not take
     * time from threads with work: spinning throughout halved two concurrent runs' throughput.
     */
    private static final long BUSY_SPIN_NANOS = 5_000;

    /** One pool per size, shared by every backend of that size (idle workers park; they are not freed). */
    private static final ConcurrentHashMap<Integer, Parallel> SHARED = new ConcurrentHashMap<>();

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Call call;
    /** Bumped after each new {@link #call} is set: what idle workers watch. */
    private volatile long generation;

    public Parallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("a thread pool needs at least 1 thread, got " + threads);
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) workers[i] = new Worker(i);
    }

    /** The process's pool of this many threads (see {@link ThreadBudget} for how many to ask for). */
    public static Parallel shared(int threads) { return SHARED.computeIfAbsent(threads, Parallel::new); }

    public int threads() { return threads; }

    /**
     * Runs task(0) .. task(tasks - 1), each exactly once, spread over the pool and the caller,
     * and returns when all have finished. The first failure is rethrown to the caller (tasks not
     * yet started when it happened are skipped).
     */
    public void run(int tasks, IntConsumer task) {
        int helpers = Math.min(threads, tasks) - 1;
        if (helpers <= 0 || !busy.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) task.accept(t);
            return;
        }
        Call c = new Call(task, tasks, helpers);
        try {
            call = c;
            generation++; // single writer: only the holder of busy
            for (int h = 0; h < helpers; h++) if (workers[h].parked) LockSupport.unpark(workers[h].thread);
            c.drain();
            c.awaitAll();
        } finally {
            busy.set(false);
        }
        Throwable e = c.failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e);
    }

    /** One call's tasks, claimed one index at a time by the caller and whichever workers join. */
    private static final class Call {
        final IntConsumer task;
        final int tasks, helpers;
        final AtomicInteger next = new AtomicInteger(), finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Call(IntConsumer task, int tasks, int helpers) {
            this.task = task;
            this.tasks = tasks;
            this.helpers = helpers;
        }

        void drain() {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) task.accept(t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.incrementAndGet();
                }
            }
        }

        /** Tasks other threads claimed take microseconds; yield only if one was descheduled. */
        void awaitAll() {
            for (int spins = 0; finished.get() < tasks; spins++) {
                if (spins < 1_000) Thread.onSpinWait();
                else Thread.yield();
            }
        }
    }

    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean parked;

        Worker(int index) {
            this.index = index;
            this.thread = new Thread(this, "nnrun-cpu-" + (index + 1));
            thread.setDaemon(true);
            thread.start();
        }

        @Override public void run() {
            long seen = 0;
            while (true) {
                long start = System.nanoTime();
                while (generation == seen) {
                    long idle = System.nanoTime() - start;
                    if (idle < BUSY_SPIN_NANOS) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (idle < SPIN_NANOS) { // give the core to any other runnable thread
                        Thread.yield();
                        continue;
                    }
                    // Set before the re-check; a caller bumps generation before it reads parked,
                    // so one of the two always sees the other.
                    parked = true;
                    if (generation == seen) LockSupport.park(this);
                    parked = false;
                }
                seen = generation;
                Call c = call;
                if (index < c.helpers) c.drain();
            }
        }
    }

    /** Body of a loop over a contiguous index range [from, to). */
    public interface RangeBody { void run(int from, int to); }

    /**
     * Splits [0, n) into one contiguous chunk per thread, or runs it in the caller when the whole
     * loop costs less than {@link #MIN_PARALLEL_WORK} (workPerItem is the cost of one index).
     */
    public void forRange(int n, long workPerItem, RangeBody body) {
        if (n <= 0) return;
        int chunks = (long) n * workPerItem < MIN_PARALLEL_WORK ? 1 : Math.min(threads, n);
        if (chunks == 1) { body.run(0, n); return; }
        run(chunks, t -> body.run(chunkStart(n, chunks, t), chunkStart(n, chunks, t + 1)));
    }

    /** Start of chunk t when [0, n) is cut into `chunks` near-equal contiguous pieces. */
    public static int chunkStart(int n, int chunks, int t) {
        return (int) ((long) n * t / chunks);
    }
}
