package dev.tflmstudio.profiler.report;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.plan.ArenaEstimate;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.Target;
import java.util.Set;
import java.util.TreeSet;

/** Checks a plan against a board: the arena size to configure, SRAM fit and flash fit. */
public final class BoardFits {
    /** RecordingMicroInterpreter's header: "increase the tensor arena size by at least 1kb". */
    static final long MIN_HEADROOM = 1024;
    /** TFLM's interpreter, allocator, planner and logging for Cortex-M at -Os (memory_footprint example scale). */
    static final long RUNTIME_BASE_CODE = 40 * 1024;
    /** Reference kernels with large templated code paths. */
    private static final Set<String> LARGE_KERNELS = Set.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED",
            "TRANSPOSE_CONV", "UNIDIRECTIONAL_SEQUENCE_LSTM", "SVDF", "BATCH_MATMUL", "SOFTMAX");

    private BoardFits() {
    }

    /** The recommendation for {@code device}; the arena estimate must be for the board's word size. */
    public static BoardFit assess(DeviceProfile device, Model model, MemoryPlan plan, ArenaEstimate arena) {
        long used = arena.totalBytes();
        long planning = planningPeak(model, plan, arena);
        long base = Math.max(used, planning);
        long headroom = Math.max(MIN_HEADROOM, (base + 9) / 10);
        // +16 covers an arena array that is not 16-byte aligned (micro_interpreter.h says so).
        long recommended = roundUp(base + headroom + 16, 1024);
        long code = runtimeCodeBytes(model);
        return new BoardFit(device.id(), device.name(), used, planning, headroom,
                "max(1 KiB, 10%) over the larger of arena_used_bytes and the planning peak, +16 B for alignment,"
                        + " rounded up to 1 KiB",
                recommended, device.largestSramRegionBytes(), device.totalSramBytes(),
                recommended <= device.largestSramRegionBytes(), model.sizeBytes(), code, device.totalFlashBytes(),
                model.sizeBytes() + code <= device.totalFlashBytes());
    }

    /** The word size TFLM runs with on {@code device}. */
    public static Target targetFor(DeviceProfile device) {
        return device.wordSizeBits() >= 64 ? Target.HOST64 : Target.MCU32;
    }

    /**
     * Arena needed during CommitStaticMemoryPlan: the tail, plus in the head the AllocationInfo array (one per
     * tensor and scratch buffer) and the greedy planner's 40 bytes per planned buffer.
     */
    static long planningPeak(Model model, MemoryPlan plan, ArenaEstimate arena) {
        int word = arena.target().pointerBytes();
        long allocationInfo = word == 8 ? 32 : 24;
        long entries = model.totalTensorCount() + plan.scratchBuffers().size();
        long temp = roundUp(allocationInfo * entries, 16) + 40L * plan.bufferCount();
        return arena.tailBytes() + Math.max(arena.headBytes(), temp);
    }

    /** A rough code-size estimate: runtime base plus 2-8 KiB per distinct kernel. */
    public static long runtimeCodeBytes(Model model) {
        Set<String> ops = new TreeSet<>();
        for (Subgraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                ops.add(op.opName());
            }
        }
        long code = RUNTIME_BASE_CODE;
        for (String op : ops) {
            code += LARGE_KERNELS.contains(op) ? 8 * 1024 : 2 * 1024;
        }
        return code;
    }

    static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }
}
