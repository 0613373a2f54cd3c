package dev.tflmstudio.runtime;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/** The heap bytes the current thread has allocated, for tests that bound what a call allocates. */
public final class ThreadAllocations {
    private final com.sun.management.ThreadMXBean bean;

    private ThreadAllocations(com.sun.management.ThreadMXBean bean) {
        this.bean = bean;
    }

    /** The counter, or the test is skipped where this JVM does not count a thread's allocations. */
    public static ThreadAllocations orSkip() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count the bytes a thread allocates: skipped");
        return new ThreadAllocations((com.sun.management.ThreadMXBean) bean);
    }

    /** Bytes allocated by this thread so far. */
    public long bytes() {
        return bean.getCurrentThreadAllocatedBytes();
    }
}
