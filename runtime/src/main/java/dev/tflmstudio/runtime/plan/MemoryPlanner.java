package dev.tflmstudio.runtime.plan;

import java.util.List;

/** Places buffers in the arena head. Implementations never move offline-pinned buffers. */
public interface MemoryPlanner {

    /** Short name used on the command line and in reports ({@code tflm}, {@code best}). */
    String name();

    /**
     * Offsets for {@code buffers}, indexed like the list (buffer {@code i} gets {@code result[i]}). The list is in
     * planner id order; implementations must not rely on any field but size, lifetime and offline offset.
     */
    int[] place(List<PlannedBuffer> buffers);
}
