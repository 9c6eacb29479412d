package nnrun.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import nnrun.backend.JavaBackend;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private final Parallel pool = new Parallel(3);

    @Test
    void runsEveryTaskExactlyOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        pool.run(1000, runs::incrementAndGet);
        for (int t = 0; t < 1000; t++) assertEquals(1, runs.get(t), "task " + t);
    }

    @Test
    void forRangeCoversTheRangeWithContiguousChunksOnePerThread() {
        int[] hits = new int[10_000];
        ConcurrentHashMap<Integer, Integer> chunks = new ConcurrentHashMap<>();
        pool.forRange(10_000, 100, (from, to) -> {
            chunks.put(from, to);
            for (int i = from; i < to; i++) hits[i]++;
        });
        for (int i = 0; i < hits.length; i++) assertEquals(1, hits[i], "index " + i);
        assertEquals(3, chunks.size());
    }

    @Test
    void smallLoopsStayInTheCallingThread() {
        Thread caller = Thread.currentThread();
        pool.forRange(1000, 1, (from, to) -> {
            assertSame(caller, Thread.currentThread());
            assertEquals(0, from);
            assertEquals(1000, to);
        });
    }

    @Test
    void aFailingTaskFailsTheCallWithItsOwnException() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(50, t -> {
            if (t == 17) throw new IllegalStateException("task 17 failed");
        }));
        assertEquals("task 17 failed", e.getMessage());
        // The pool is still usable afterwards.
        AtomicIntegerArray runs = new AtomicIntegerArray(8);
        pool.run(8, runs::incrementAndGet);
        for (int t = 0; t < 8; t++) assertEquals(1, runs.get(t));
    }

    @Test
    void twoBackendsOnTwoThreadsSharingOnePoolGetTheSameProductsAsOneAlone() throws Exception {
        Random random = new Random(7);
        int m = 200, n = 300, k = 260;
        float[] a = new float[m * k], b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = random.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = random.nextFloat() - 0.5f;
        float[] alone = new float[m * n];
        new JavaBackend(pool).gemm(false, true, m, n, k, 1f, a, 0, k, transpose(b, k, n), 0, k, 0f, alone, 0, n);

        float[][] results = new float[2][m * n];
        Thread[] runs = new Thread[2];
        for (int r = 0; r < 2; r++) {
            float[] c = results[r];
            JavaBackend backend = new JavaBackend(pool);
            float[] bt = transpose(b, k, n);
            runs[r] = new Thread(() -> {
                for (int rep = 0; rep < 20; rep++)
                    backend.gemm(false, true, m, n, k, 1f, a, 0, k, bt, 0, k, 0f, c, 0, n);
            });
            runs[r].start();
        }
        for (Thread t : runs) t.join();
        assertArrayEquals(alone, results[0]);
        assertArrayEquals(alone, results[1]);
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
        return t;
    }
}
