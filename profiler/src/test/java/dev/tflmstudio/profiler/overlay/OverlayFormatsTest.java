package dev.tflmstudio.profiler.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.profiler.testing.Shared;
import dev.tflmstudio.runtime.cost.CostModel;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.Planners;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The overlay files have the structure their readers need, checked against the readers' code: Model Explorer's
 * {@code NodeDataProviderExtensionService.getNodeDataProviderData} / {@code processNodeDataProviderDataForGraph}
 * and its TFLite adapter's node ids, Netron's {@code metadata.Attachment} and its TFLite nodes' identifiers.
 */
class OverlayFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpOverlay personDetect() throws Exception {
        Model model = Shared.open("tflm-person_detect_int8.tflite");
        int n = model.main().operators().size();
        double[] local = new double[n];
        double[] board = new double[n];
        for (int i = 0; i < n; i++) {
            local[i] = 10 + i;
            board[i] = i == 3 ? Double.NaN : 100 + 2 * i;
        }
        return OpOverlay.of(model, CostModel.of(model), Planners.plan(model, "tflm"), local, board, null,
                List.of("local: 20 invokes", "board: replay of a recording"));
    }

    @Test
    void modelExplorerNodeDataIsKeyedByTheAdaptersGraphAndNodeIds() throws Exception {
        OpOverlay overlay = personDetect();
        JsonNode root = JSON.readTree(ModelExplorerNodeData.write(overlay, OverlayMetric.LOCAL_US));
        // Without a top-level "results" the reader takes the keys as graph ids (ModelNodeData), and the TFLite
        // adapter names subgraph 0 after the subgraph, "main" when it has no name (person_detect's has none).
        assertThat(root.has("results")).isFalse();
        assertThat(iterable(root.fieldNames())).containsExactly("main");
        JsonNode graph = root.get("main");
        JsonNode results = graph.get("results");
        // The adapter reserves ids "0".."n-1" for the ops in execution order.
        assertThat(iterable(results.fieldNames())).hasSize(31)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 31).mapToObj(Integer::toString)
                        .toList());
        assertThat(results.get("0").get("value").isNumber()).isTrue();
        assertThat(results.get("30").get("value").asDouble()).isEqualTo(40.0);
        JsonNode gradient = graph.get("gradient");
        assertThat(gradient.get(0).get("stop").asDouble()).isZero();
        assertThat(gradient.get(gradient.size() - 1).get("stop").asDouble()).isEqualTo(1.0);
        for (JsonNode stop : gradient) {
            // The reader parses hex colours (or CSS names) itself.
            assertThat(stop.get("bgColor").asText()).matches("#[0-9a-f]{6}");
        }

        JsonNode board = JSON.readTree(ModelExplorerNodeData.write(overlay, OverlayMetric.BOARD_US)).get("main")
                .get("results");
        assertThat(board.has("3")).as("an op without a value has no result").isFalse();
        assertThat(board.size()).isEqualTo(30);
        assertThatThrownBy(() -> ModelExplorerNodeData.write(overlay, OverlayMetric.ESTIMATE_US))
                .hasMessageContaining("no estimate-us values");
    }

    @Test
    void netronAttachmentItemsNameTheTfliteNodesByIdentifier() throws Exception {
        OpOverlay overlay = personDetect();
        JsonNode root = JSON.readTree(NetronAttachment.write(overlay));
        assertThat(root.get("signature").asText()).isEqualTo("netron:attachment");
        assertThat(root.get("metadata").isArray()).isTrue();
        assertThat(root.get("metrics").isArray()).isTrue();
        Map<String, Set<String>> namesPerKey = new java.util.HashMap<>();
        for (String container : List.of("metadata", "metrics")) {
            for (JsonNode item : root.get(container)) {
                // Container.open keeps items with a kind and a target or an identifier.
                assertThat(item.hasNonNull("kind")).isTrue();
                assertThat(item.has("target") || item.has("identifier")).isTrue();
                assertThat(item.get("name").asText()).doesNotContain("\n");
                String kind = item.get("kind").asText();
                String key;
                if (kind.equals("model")) {
                    // Model items are looked up as "model::" + the model's (empty) name.
                    assertThat(item.get("target").asText()).isEmpty();
                    key = "model::";
                } else {
                    assertThat(kind).isEqualTo("node");
                    assertThat(item.has("target")).as("target would be matched by name, TFLite nodes have none")
                            .isFalse();
                    // tflite.js: new tflite.Node(metadata, operator, opcode, index.toString(), tensors).
                    int op = Integer.parseInt(item.get("identifier").asText());
                    assertThat(op).isBetween(0, 30);
                    assertThat(item.get("value").isNumber()).isTrue();
                    key = "node[" + op + "]";
                }
                assertThat(namesPerKey.computeIfAbsent(key, k -> new HashSet<>()).add(item.get("name").asText()))
                        .as("a second item of the same name for %s would overwrite the first", key).isTrue();
            }
        }
        assertThat(namesPerKey.get("node[0]")).contains("local median (µs)", "board median (µs)",
                "share of the local invoke (%)", "MACs", "live arena bytes (B)",
                "board vs local error (board share - local share) (pp)");
        assertThat(namesPerKey.get("node[3]")).doesNotContain("board median (µs)");
        assertThat(namesPerKey.get("model::")).contains("overlay", "source 1", "source 2");
    }

    @Test
    void derivedNumbersAreWhatTheySay() throws Exception {
        OpOverlay overlay = personDetect();
        double[] share = overlay.values(OverlayMetric.SHARE_PCT);
        assertThat(java.util.Arrays.stream(share).sum()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
        // person_detect's op 0 is a 3x3 depthwise conv, 1 channel in, 8 out, on a 48x48 output: 48*48*8*9 MACs.
        assertThat(overlay.values(OverlayMetric.MACS)[0]).isEqualTo(48 * 48 * 8 * 9);
        assertThat(overlay.values(OverlayMetric.LIVE_BYTES)[0]).isPositive();
        assertThat(Double.isNaN(overlay.values(OverlayMetric.BOARD_VS_LOCAL_PP)[3])).isTrue();
        assertThat(OverlayMetric.fromId("live-bytes")).isEqualTo(OverlayMetric.LIVE_BYTES);
        assertThatThrownBy(() -> OverlayMetric.fromId("latency")).hasMessageContaining("local-us, board-us");
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
