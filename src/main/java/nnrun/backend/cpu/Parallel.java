package nnrun.backend.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed pool of daemon worker threads, one fewer than the threads it runs on: the calling
 * thread always takes a share of the work, so a call with one task never hands off at all.
 * Several backend instances may share one pool; the pool keeps no per-call state between calls.
 */
public final class Parallel {

    /** Below this many multiply-adds (or element operations) a hand-off costs more than it saves. */
    public static final long MIN_PARALLEL_WORK = 1L << 16;

    private static final Parallel MACHINE = new Parallel(Runtime.getRuntime().availableProcessors());

    private final int threads;
    private final ExecutorService workers;

    public Parallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("a thread pool needs at least 1 thread, got " + threads);
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        this.workers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "nnrun-cpu-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The pool sized to this machine's cores. */
    public static Parallel machine() { return MACHINE; }

    public int threads() { return threads; }

    /**
     * Runs task(0) .. task(tasks - 1), each exactly once, spread over the pool and the caller,
     * and returns when all have finished. The first failure is rethrown to the caller.
     */
    public void run(int tasks, IntConsumer task) {
        int helpers = Math.min(threads, tasks) - 1;
        if (helpers <= 0) {
            for (int t = 0; t < tasks; t++) task.accept(t);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch helpersDone = new CountDownLatch(helpers);
        Runnable drain = () -> {
            try {
                for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) task.accept(t);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                next.set(tasks);
            }
        };
        for (int h = 0; h < helpers; h++) {
            workers.execute(() -> {
                try { drain.run(); } finally { helpersDone.countDown(); }
            });
        }
        drain.run();
        boolean interrupted = false;
        while (true) {
            try { helpersDone.await(); break; } catch (InterruptedException e) { interrupted = true; }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e);
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
