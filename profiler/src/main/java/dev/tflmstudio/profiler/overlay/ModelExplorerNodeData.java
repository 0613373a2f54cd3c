package dev.tflmstudio.profiler.overlay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One metric of an {@link OpOverlay} as Google Model Explorer's node data JSON (what its "Node data" panel loads,
 * the format of {@code node_data_builder.py}): a model node data object keyed by graph id, each graph's
 * {@code results} keyed by node id with a numeric {@code value}, and a {@code gradient} from stop 0 (the smallest
 * value) to stop 1 (the largest). Node ids are those of Model Explorer's TFLite adapter
 * ({@code direct_flatbuffer_to_json_graph_convert.cc}): op i of a subgraph is node {@code "i"} (its auxiliary
 * input, output and constant nodes are numbered after the ops), and subgraph 0 is the graph named after the
 * subgraph, else {@code main}. Model Explorer shows one value per node per file, so one metric per file.
 */
public final class ModelExplorerNodeData {
    private ModelExplorerNodeData() {
    }

    public static String write(OpOverlay overlay, OverlayMetric metric) {
        double[] values = overlay.values(metric);
        if (values == null) {
            throw new IllegalArgumentException("no " + metric.id() + " values to export (" + metric.title()
                    + " was not measured)");
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode graph = root.putObject(overlay.graphId());
        ObjectNode results = graph.putObject("results");
        for (int op = 0; op < values.length; op++) {
            if (!Double.isNaN(values[op])) {
                results.putObject(Integer.toString(op)).put("value", values[op]);
            }
        }
        // Low values pale, high values red, as the app's heat maps.
        ArrayNode gradient = graph.putArray("gradient");
        gradient.addObject().put("stop", 0).put("bgColor", "#fff5f0");
        gradient.addObject().put("stop", 0.5).put("bgColor", "#fb6a4a");
        gradient.addObject().put("stop", 1).put("bgColor", "#67000d");
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
