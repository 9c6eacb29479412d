package nnrun.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/**
 * Asserts that rejecting bad input is cheap: it fails within a few seconds and allocates little heap,
 * so a hostile header is refused before the buffer it declares is allocated (the test JVM's heap is
 * large enough that allocating first and failing later would otherwise go unnoticed).
 */
public final class Allocations {
    private Allocations() {}

    /** Runs {@code reading}, expects {@code type}, and checks it took under 10 s and allocated under {@code maxBytes}. */
    public static <T extends Throwable> T failsCheaply(Class<T> type, long maxBytes, Executable reading) {
        com.sun.management.ThreadMXBean threads = threads();
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            T thrown = assertThrows(type, reading);
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < maxBytes, "allocated " + allocated + " bytes before failing: " + thrown.getMessage());
            return thrown;
        });
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported(),
                "this JVM cannot count a thread's allocations");
        return (com.sun.management.ThreadMXBean) bean;
    }
}
