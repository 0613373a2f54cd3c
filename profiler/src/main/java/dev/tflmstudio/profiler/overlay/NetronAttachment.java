package dev.tflmstudio.profiler.overlay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An {@link OpOverlay} as a Netron attachment (a JSON file with {@code "signature": "netron:attachment"} opened
 * over a model; Netron's {@code metadata.Attachment} reads its {@code metadata} and {@code metrics} arrays and
 * shows each item in the sidebar of what it names). Every metric of every op is an item
 * {@code {"kind": "node", "identifier": "i", "name": ..., "value": ...}}: Netron's TFLite nodes have no name
 * and identifier {@code i} (their index in the subgraph's operators), which is how an item with an
 * {@code identifier} is matched. Where the numbers come from are {@code model} items with {@code "target": ""}.
 */
public final class NetronAttachment {
    public static final String SIGNATURE = "netron:attachment";

    private NetronAttachment() {
    }

    public static String write(OpOverlay overlay) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("signature", SIGNATURE);
        ArrayNode metadata = root.putArray("metadata");
        model(metadata, "overlay", "TFLM Studio per-op data for " + overlay.model());
        for (int i = 0; i < overlay.notes().size(); i++) {
            model(metadata, "source " + (i + 1), overlay.notes().get(i));
        }
        ArrayNode metrics = root.putArray("metrics");
        for (OverlayMetric m : OverlayMetric.values()) {
            double[] values = overlay.values(m);
            if (values == null) {
                continue;
            }
            for (int op = 0; op < values.length; op++) {
                if (!Double.isNaN(values[op])) {
                    metrics.addObject().put("kind", "node").put("identifier", Integer.toString(op))
                            .put("name", m.title()).put("value", values[op]);
                }
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void model(ArrayNode into, String name, String value) {
        into.addObject().put("kind", "model").put("target", "").put("name", name).put("value", value);
    }
}
