package dev.tflmstudio.serial;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use once the garbage is collected: what a session retains, not what it allocated on the way. */
final class HeapAfterGc {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapAfterGc() {
    }

    static long bytes() {
        long used = Long.MAX_VALUE;
        // A few rounds: a full collection can leave what finalization or reference processing frees for the next.
        for (int i = 0; i < 3; i++) {
            MEMORY.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
