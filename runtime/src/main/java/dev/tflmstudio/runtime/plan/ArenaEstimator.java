package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Predicts {@code arena_used_bytes()} and {@code RecordingMicroAllocator::PrintAllocations()} before flashing by
 * replaying, in order, every tail allocation TFLM makes during {@code AllocateTensors()} (micro_allocator.cc,
 * micro_interpreter.cc): allocator objects, eval tensors, node structs, builtin options, kernel persistent
 * buffers (Init, then Prepare), scratch handles, variable tensors, and the input/output TfLiteTensors. The tail
 * grows down from a 16-byte aligned arena end and each allocation is aligned down, so padding is reproduced
 * exactly and lands in the category that caused it, as the recorder measures it.
 */
public final class ArenaEstimator {

    /** sizeof/alignof of TFLM's structs per word size (x86-64 gcc; arm-none-eabi gcc with short enums). */
    private record Abi(int defaultTail, int pointer, int evalTensor, int nodeAndRegistration,
                       int subgraphAllocations, int tfLiteTensor, int affineQuantization, int scratchHandle) {
    }

    private static final Abi HOST64 = new Abi(456, 8, 24, 64, 16, 64, 24, 8);
    private static final Abi MCU32 = new Abi(236, 4, 12, 32, 8, 32, 12, 4);

    private static final String EVAL = "TfLiteEvalTensor data";
    private static final String TENSORS = "Persistent TfLiteTensor data";
    private static final String QUANT = "Persistent TfLiteTensor quantization data";
    private static final String BUFFERS = "Persistent buffer data";
    private static final String VARIABLES = "TfLiteTensor variable buffer data";
    private static final String NODES = "NodeAndRegistration struct";

    private final Abi abi;
    private final Target target;
    private long tail;
    private final long[] used = new long[6];
    private final long[] requested = new long[6];
    private final int[] count = new int[6];

    private final KernelSet kernels;

    private ArenaEstimator(Target target, KernelSet kernels) {
        this.target = target;
        this.kernels = kernels;
        this.abi = target == Target.HOST64 ? HOST64 : MCU32;
    }

    /** The arena for {@code model} with head {@code plan} (use the {@code tflm} plan to match a real run). */
    public static ArenaEstimate estimate(Model model, MemoryPlan plan) {
        return new ArenaEstimator(plan.target(), plan.kernels()).run(model, plan);
    }

    private ArenaEstimate run(Model model, MemoryPlan plan) {
        Set<String> estimated = new LinkedHashSet<>();
        // The allocator objects, the builtin-data allocator and one SubgraphAllocations are the default tail.
        tail = abi.defaultTail() + (long) (model.subgraphs().size() - 1) * abi.subgraphAllocations();
        for (Subgraph sg : model.subgraphs()) {
            allocate((long) abi.evalTensor() * sg.tensors().size(), abi.pointer(), 0);
            count[0] += sg.tensors().size() - 1;
        }
        for (Subgraph sg : model.subgraphs()) {
            allocate((long) abi.nodeAndRegistration() * sg.operators().size(), abi.pointer(), 5);
            count[5] += sg.operators().size() - 1;
        }
        List<KernelFootprints.Footprint> footprints = new ArrayList<>();
        for (Subgraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                KernelFootprints.Footprint f = KernelFootprints.of(sg, op, target, kernels);
                footprints.add(f);
                if (!f.known()) {
                    estimated.add(op.opName());
                }
                if (f.paramsSize() > 0) {
                    allocate(f.paramsSize(), f.paramsAlign(), -1);
                }
            }
        }
        for (KernelFootprints.Footprint f : footprints) {
            for (long bytes : f.persistent()) {
                allocate(bytes, PlannedBuffer.ALIGNMENT, 3);
            }
        }
        ResourceVariablesArena variables = resourceVariables(model);
        int scratch = plan.scratchBuffers().size();
        if (scratch > 0) {
            allocate((long) abi.scratchHandle() * scratch, abi.pointer(), -1);
        }
        for (Subgraph sg : model.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                boolean pinned = plan.forTensor(sg.index(), t.index()).isPresent();
                if (t.variable() && !pinned && t.arenaBytes() > 0) {
                    allocate(t.arenaBytes(), PlannedBuffer.ALIGNMENT, 4);
                }
            }
        }
        Subgraph main = model.main();
        persistentTensors(main, main.inputs());
        persistentTensors(main, main.outputs());
        List<AllocationCategory> categories = new ArrayList<>();
        String[][] names = {{EVAL, "allocations"}, {TENSORS, "tensors"}, {QUANT, "allocations"},
                {BUFFERS, "allocations"}, {VARIABLES, "allocations"}, {NODES, "NodeAndRegistration structs"}};
        int[] printOrder = {0, 1, 2, 3, 4, 5};
        for (int i : printOrder) {
            if (used[i] > 0 || requested[i] > 0) {
                categories.add(new AllocationCategory(names[i][0], names[i][1], used[i], requested[i], count[i]));
            }
        }
        return new ArenaEstimate(target, plan.headBytes(), tail, categories, List.copyOf(estimated), kernels,
                variables);
    }

    /**
     * The buffers ASSIGN_VARIABLE's Prepare allocates (micro_resource_variable.cc Allocate, through the context, so
     * in this tail): one per variable, by the first ASSIGN_VARIABLE prepared whose handle comes from a VAR_HANDLE of
     * its own subgraph (elsewhere the handle has no data yet). Subgraphs prepare in order, ops in order.
     */
    private ResourceVariablesArena resourceVariables(Model model) {
        List<String> names = new ArrayList<>();
        Set<String> allocated = new LinkedHashSet<>();
        long bytes = 0;
        for (Subgraph sg : model.subgraphs()) {
            Map<Integer, String> handles = new HashMap<>();
            for (Operator op : sg.operators()) {
                if (op.opName().equals("VAR_HANDLE") && !op.outputs().isEmpty()) {
                    String key = op.options().getString("container", "") + "/"
                            + op.options().getString("shared_name", "");
                    if (!names.contains(key)) {
                        names.add(key);
                    }
                    handles.put(op.output(0), key);
                } else if (op.opName().equals("ASSIGN_VARIABLE") && op.inputs().size() == 2) {
                    String key = handles.get(op.input(0));
                    if (key != null && allocated.add(key)) {
                        long size = sg.tensor(op.input(1)).arenaBytes();
                        allocate(size, PlannedBuffer.ALIGNMENT, 3);
                        bytes += PlannedBuffer.alignUp(size);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        List<String> shown = names.stream().map(n -> n.startsWith("/") ? n.substring(1) : n).toList();
        int slots = ResourceVariablesArena.DEFAULT_SLOTS;
        return new ResourceVariablesArena(shown, slots, ResourceVariablesArena.arenaBytes(target, slots), bytes);
    }

    /** The interpreter's input/output pointer array, then a persistent TfLiteTensor (+ quantization) each. */
    private void persistentTensors(Subgraph sg, List<Integer> indices) {
        allocate((long) abi.pointer() * indices.size(), PlannedBuffer.ALIGNMENT, 3);
        for (int index : indices) {
            allocate(abi.tfLiteTensor(), abi.pointer(), 1);
            Quantization q = sg.tensor(index).quantization();
            if (q != null && q.isQuantized() && !q.zeroPoints().isEmpty()) {
                allocate(abi.affineQuantization(), abi.pointer(), 2);
                allocate(4L + 4L * q.scales().size(), 4, 2);
            }
        }
    }

    /** One AllocatePersistentBuffer: aligned down from the current tail; category -1 = not recorded. */
    private void allocate(long bytes, int alignment, int category) {
        long next = (tail + bytes + alignment - 1) / alignment * alignment;
        if (category >= 0) {
            used[category] += next - tail;
            requested[category] += bytes;
            count[category]++;
        }
        tail = next;
    }
}
