package dev.tflmstudio.runtime.tflite;

import dev.tflmstudio.runtime.model.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes modified copies of models. The copy is rebuilt field by field from the schema, so every field the schema
 * knows keeps its meaning; fields newer than the schema and the original's byte layout are not kept.
 */
public final class ModelRewriter {
    private ModelRewriter() {
    }

    /**
     * A copy of the model with the named metadata entry set to {@code data}: replaced when the model has an entry of
     * that name, added otherwise. The data goes into a new buffer; the old buffer, if any, stays (others may share
     * it).
     */
    public static byte[] withMetadata(ByteBuffer original, String name, byte[] data) throws ModelFormatException {
        ByteBuffer bb = original.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (bb.position() != 0) {
            bb = bb.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        FlatVerifier.verifyModel(bb);
        Map<String, Object> model;
        try {
            model = FlatTree.read(FlatTable.root(bb));
        } catch (IllegalArgumentException unknownUnion) {
            throw new ModelFormatException("cannot rewrite: " + unknownUnion.getMessage());
        }
        if (model.containsKey("external_buffers") || hasOutOfLineBuffers(model)) {
            // Offsets of data stored after the flatbuffer would move with the new layout.
            throw new ModelFormatException("cannot rewrite models that keep buffers outside the flatbuffer");
        }
        List<Object> buffers = new ArrayList<>(listOrEmpty(model.get("buffers")));
        if (buffers.isEmpty()) {
            buffers.add(new LinkedHashMap<String, Object>()); // buffer 0: the empty sentinel
        }
        Map<String, Object> buffer = new LinkedHashMap<>();
        buffer.put("data", ByteBuffer.wrap(data.clone()));
        buffers.add(buffer);
        int bufferIndex = buffers.size() - 1;
        model.put("buffers", buffers);

        List<Object> metadata = new ArrayList<>(listOrEmpty(model.get("metadata")));
        boolean replaced = false;
        for (Object m : metadata) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) m;
            if (name.equals(entry.get("name"))) {
                entry.put("buffer", (long) bufferIndex);
                replaced = true;
            }
        }
        if (!replaced) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("buffer", (long) bufferIndex);
            metadata.add(entry);
        }
        model.put("metadata", metadata);
        return FlatWriter.writeModel(model, bb.limit() + data.length + 4096);
    }

    private static boolean hasOutOfLineBuffers(Map<String, Object> model) {
        for (Object b : listOrEmpty(model.get("buffers"))) {
            Object offset = ((Map<?, ?>) b).get("offset");
            if (offset instanceof Number n && n.longValue() > 1) {
                return true;
            }
        }
        return false;
    }

    private static List<?> listOrEmpty(Object v) {
        return v == null ? List.of() : (List<?>) v;
    }
}
