package dev.tflmstudio.profiler.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.plan.AllocationCategory;
import dev.tflmstudio.runtime.plan.BufferKind;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.runtime.plan.PlannedBuffer;
import java.io.UncheckedIOException;

/** The {@code plan --format json} document. Field names are a public contract (see the issue). */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String write(PlanReport r) {
        try {
            return MAPPER.writeValueAsString(tree(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(PlanReport r) {
        MemoryPlan plan = r.plan();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", r.modelName());
        root.put("modelBytes", r.model().sizeBytes());
        root.put("planner", plan.planner());
        root.put("target", plan.target().id());
        root.put("kernels", plan.kernels().id());
        root.put("headBytes", plan.headBytes());
        root.put("tailBytes", r.arena().tailBytes());
        root.put("arenaBytes", r.arena().totalBytes());
        root.put("lowerBoundBytes", plan.lowerBoundBytes());
        root.put("gapBytes", plan.gapBytes());
        root.put("tailExact", r.arena().isExact());
        ArrayNode estimated = root.putArray("tailEstimatedFor");
        r.arena().estimatedParts().forEach(estimated::add);
        r.arena().resourceVariables().ifPresent(v -> {
            ObjectNode n = root.putObject("resourceVariables");
            ArrayNode names = n.putArray("names");
            v.names().forEach(names::add);
            n.put("slots", v.slots());
            n.put("bufferBytes", v.bufferBytes());
            n.put("bufferArena", "main (tail, Persistent buffer data)");
            n.put("variablesArenaBytes", v.arenaBytes());
            n.put("variablesArena",
                    "the resource variables' own MicroAllocator: its objects and MicroResourceVariables");
        });
        ObjectNode peak = root.putObject("peak");
        peak.put("time", plan.peakTime());
        peak.put("bytes", plan.peakBytes());
        ArrayNode live = root.putArray("liveBytes");
        plan.liveBytes().forEach(live::add);
        ArrayNode buffers = root.putArray("buffers");
        for (PlannedBuffer b : plan.buffers()) {
            ObjectNode n = buffers.addObject();
            n.put("id", b.id());
            if (b.kind() == BufferKind.TENSOR) {
                n.put("tensor", b.tensor());
            } else {
                n.putNull("tensor");
            }
            n.put("kind", b.kind() == BufferKind.TENSOR ? "tensor" : "scratch");
            n.put("subgraph", b.subgraph());
            Tensor t = r.tensorOf(b);
            n.put("name", t == null ? r.labelOf(b) : t.name());
            if (b.kind() == BufferKind.SCRATCH) {
                n.put("op", b.op());
                n.put("scratchIndex", b.scratchIndex());
            }
            n.put("rawBytes", b.rawBytes());
            n.put("size", b.size());
            n.put("firstUse", b.firstUse());
            n.put("lastUse", b.lastUse());
            n.put("offlineOffset", b.offlineOffset());
            n.put("offset", b.offset());
        }
        ArrayNode categories = root.putArray("categories");
        for (AllocationCategory c : r.arena().categories()) {
            ObjectNode n = categories.addObject();
            n.put("name", c.name());
            n.put("usedBytes", c.usedBytes());
            n.put("requestedBytes", c.requestedBytes());
            n.put("count", c.count());
        }
        ArrayNode planners = root.putArray("planners");
        for (PlannerComparison p : r.planners()) {
            ObjectNode n = planners.addObject();
            n.put("planner", p.planner());
            n.put("headBytes", p.headBytes());
            n.put("gapBytes", p.gapBytes());
        }
        BoardFit f = r.boardFit();
        if (f == null) {
            root.putNull("boardFit");
        } else {
            ObjectNode n = root.putObject("boardFit");
            n.put("device", f.deviceId());
            n.put("name", f.deviceName());
            n.put("arenaUsedBytes", f.arenaUsedBytes());
            n.put("planningPeakBytes", f.planningPeakBytes());
            n.put("headroomBytes", f.headroomBytes());
            n.put("headroomRule", f.headroomRule());
            n.put("recommendedArenaBytes", f.recommendedArenaBytes());
            n.put("largestSramRegionBytes", f.largestSramBytes());
            n.put("fitsSram", f.fitsSram());
            n.put("modelBytes", f.modelBytes());
            n.put("runtimeCodeBytesEstimate", f.runtimeCodeBytes());
            n.put("flashBytes", f.flashBytes());
            n.put("fitsFlash", f.fitsFlash());
        }
        root.put("opResolver", r.opResolverCpp());
        return root;
    }
}
