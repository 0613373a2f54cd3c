package dev.tflmstudio.runtime.plan;

import java.util.List;

/**
 * Where a model's resource variables (VAR_HANDLE / READ_VARIABLE / ASSIGN_VARIABLE) live when the firmware creates
 * its {@code MicroResourceVariables} as tflm_ref and esphome's micro_wake_word do: on a {@code MicroAllocator} of its
 * own over a separate buffer. That allocator holds the {@code MicroResourceVariables} object and its array of
 * {@code slots} {@code MicroResourceVariable} entries ({@code objectBytes}, 16-byte aligned each); each variable's
 * buffer is allocated by the first ASSIGN_VARIABLE that prepares it, through the kernel context, so it sits in the
 * main arena's tail as "Persistent buffer data" ({@code bufferBytes}, already in the main arena's tail).
 *
 * @param names       the variables' shared names, in id order
 * @param slots       {@code max_num_variables} passed to {@code MicroResourceVariables::Create}
 * @param objectBytes bytes taken in the variables' own arena, not counting that allocator's own objects
 * @param bufferBytes the variable buffers' bytes in the main arena's tail (with 16-byte alignment)
 */
public record ResourceVariablesArena(List<String> names, int slots, long objectBytes, long bufferBytes) {

    /** tflm_ref's count (esphome's micro_wake_word passes 20). */
    public static final int DEFAULT_SLOTS = 32;

    public ResourceVariablesArena {
        names = List.copyOf(names);
    }

    /** The variables' arena for {@code slots} variables on {@code target}. */
    static long objectBytes(Target target, int slots) {
        // MicroResourceVariables: the array pointer and two ints; MicroResourceVariable: container, shared_name,
        // resource_buffer, size_t bytes and int default_value (padded to pointer alignment)
        long object = target == Target.HOST64 ? 16 : 12;
        long entry = target == Target.HOST64 ? 40 : 20;
        return PlannedBuffer.alignUp(object) + PlannedBuffer.alignUp(entry * slots);
    }

    public boolean fits() {
        return names.size() <= slots;
    }

    /** One line for reports. */
    public String summary() {
        return names.size() + " resource variable(s) of " + slots + " slots: MicroResourceVariables " + objectBytes
                + " B in the variables' own arena (its MicroAllocator over a separate buffer, plus that allocator's "
                + "own objects); variable buffers " + bufferBytes + " B in the main arena's tail";
    }
}
