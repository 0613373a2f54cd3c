package dev.tflmstudio.runtime.plan;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.model.OfflineMemoryAllocation;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.tflite.ModelRewriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Stores a plan in a model as {@code OfflineMemoryAllocation} metadata so TFLM on the board uses it
 * (tflm-internals.md 1.4): uint32 words {@code [version 0, subgraph count, n, offset...]} with one offset per
 * tensor of every subgraph (subgraph 0 first), -1 for tensors the plan does not place. Scratch buffers cannot be
 * pinned this way; TFLM plans them online around the pinned tensors.
 */
public final class OfflinePlans {
    private OfflinePlans() {
    }

    /** The metadata payload for {@code plan}. */
    public static byte[] payload(Model model, MemoryPlan plan) {
        int n = model.totalTensorCount();
        ByteBuffer out = ByteBuffer.allocate(4 * (3 + n)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0);
        out.putInt(model.subgraphs().size());
        out.putInt(n);
        for (Subgraph sg : model.subgraphs()) {
            for (int t = 0; t < sg.tensors().size(); t++) {
                out.putInt(plan.forTensor(sg.index(), t).map(PlannedBuffer::offset)
                        .orElse(OfflineMemoryAllocation.ONLINE));
            }
        }
        return out.array();
    }

    /** A copy of {@code original} (the model's file bytes) with {@code plan} stored as its offline plan. */
    public static byte[] withPlan(ByteBuffer original, Model model, MemoryPlan plan) throws ModelFormatException {
        return ModelRewriter.withMetadata(original, OfflineMemoryAllocation.METADATA_NAME, payload(model, plan));
    }
}
