package dev.tflmstudio.runtime.plan;

import java.util.List;

/**
 * Where a model's resource variables (VAR_HANDLE / READ_VARIABLE / ASSIGN_VARIABLE) live when the firmware creates
 * its {@code MicroResourceVariables} as tflm_ref and esphome's micro_wake_word do: on a {@code MicroAllocator} of its
 * own over a separate buffer. That buffer's tail holds the MicroAllocator's own objects, then the
 * {@code MicroResourceVariables} object and its array of {@code slots} {@code MicroResourceVariable} entries, each
 * 16-byte aligned down ({@code arenaBytes}, read with GDB from tflm_ref and tflm_ref_arm); each variable's
 * buffer is allocated by the first ASSIGN_VARIABLE that prepares it, through the kernel context, so it sits in the
 * main arena's tail as "Persistent buffer data" ({@code bufferBytes}, already in the main arena's tail).
 *
 * @param names       the variables' shared names, in id order
 * @param slots       {@code max_num_variables} passed to {@code MicroResourceVariables::Create}
 * @param arenaBytes  bytes the variables' own arena must hold: the allocator's objects and the variables' table
 * @param bufferBytes the variable buffers' bytes in the main arena's tail (with 16-byte alignment)
 */
public record ResourceVariablesArena(List<String> names, int slots, long arenaBytes, long bufferBytes) {

    /** tflm_ref's count (esphome's micro_wake_word passes 20). */
    public static final int DEFAULT_SLOTS = 32;

    public ResourceVariablesArena {
        names = List.copyOf(names);
    }

    /**
     * The variables' arena for {@code slots} variables on {@code target}: {@code MicroAllocator::Create(buffer, size)}
     * puts its SingleArenaBufferAllocator, planner and itself in the tail (216 B on x86-64, 116 B on the Cortex-M4F,
     * read with GDB), then {@code MicroResourceVariables::Create} allocates the object (the array pointer and two
     * ints) and the slots (container, shared_name, resource_buffer, size_t bytes, int default_value), each aligned
     * down to 16 from a 16-byte aligned end.
     */
    static long arenaBytes(Target target, int slots) {
        boolean host = target == Target.HOST64;
        long tail = host ? 216 : 116;
        tail = PlannedBuffer.alignUp(tail + (host ? 16 : 12));
        return PlannedBuffer.alignUp(tail + (long) (host ? 40 : 20) * slots);
    }

    public boolean fits() {
        return names.size() <= slots;
    }

    /** One line for reports. */
    public String summary() {
        return names.size() + " resource variable(s) of " + slots + " slots: the variables' own arena (a "
                + "MicroAllocator over a separate buffer) uses " + arenaBytes + " B for the allocator and "
                + "MicroResourceVariables; the variable buffers, " + bufferBytes + " B, are in the main arena's tail";
    }
}
