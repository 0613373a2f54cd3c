package dev.tflmstudio.app.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.runtime.model.Subgraph;
import org.junit.jupiter.api.Test;

class GraphModelTest {
    @Test
    void oneNodePerOpPlusInputAndOutputWithShapesOnEdges() {
        Subgraph g = ModelFixtures.chain(3).main();
        GraphModel m = GraphModel.of(g, false);
        assertThat(m.nodes()).extracting(GraphModel.Node::kind).containsExactly(GraphModel.Kind.INPUT,
                GraphModel.Kind.OP, GraphModel.Kind.OP, GraphModel.Kind.OP, GraphModel.Kind.OUTPUT);
        assertThat(m.nodes().get(2).number()).isEqualTo("#1");
        assertThat(m.edges()).hasSize(4).allMatch(e -> e.label().equals("[1,8]"));
        assertThat(m.nodeOfOp(2)).isEqualTo(3);
    }

    /** A chain of ops with the given builtin codes over int8 [1,8] tensors. */
    private static Subgraph chainOf(int... codes) {
        java.util.List<dev.tflmstudio.runtime.model.Tensor> tensors = new java.util.ArrayList<>();
        for (int i = 0; i <= codes.length; i++) {
            tensors.add(ModelFixtures.activation(i, "t" + i));
        }
        java.util.List<dev.tflmstudio.runtime.model.Operator> ops = new java.util.ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            ops.add(new dev.tflmstudio.runtime.model.Operator(i, new dev.tflmstudio.runtime.model.OperatorCode(
                    codes[i], null, 1), java.util.List.of(i), java.util.List.of(i + 1), java.util.List.of(),
                    dev.tflmstudio.runtime.model.Options.NONE, dev.tflmstudio.runtime.model.Options.NONE, null));
        }
        return new Subgraph(0, "main", tensors, java.util.List.of(0), java.util.List.of(codes.length), ops);
    }

    private static final int CONV_2D = 3;
    private static final int DEPTHWISE_CONV_2D = 4;
    private static final int RELU = 19;
    private static final int RESHAPE = 22;
    private static final int SOFTMAX = 25;

    @Test
    void collapsesRunsOfElementwiseAndReshapeOpsButNeverComputeOps() {
        GraphModel m = GraphModel.of(chainOf(CONV_2D, RELU, RELU, RESHAPE, DEPTHWISE_CONV_2D, CONV_2D, RESHAPE,
                SOFTMAX), true);
        assertThat(m.nodes()).extracting(GraphModel.Node::number).containsExactly("input", "#0", "#1–#3", "#4", "#5",
                "#6–#7", "output");
        GraphModel.Node chain = m.nodes().get(2);
        assertThat(chain.kind()).isEqualTo(GraphModel.Kind.CHAIN);
        assertThat(chain.label()).isEqualTo("3 ops: 2× RELU, 1× RESHAPE");
        assertThat(m.nodeOfOp(3)).isEqualTo(2);
        assertThat(m.nodeOfOp(4)).isEqualTo(3);
    }

    @Test
    void aRunCoveringTheWholeGraphStaysExpanded() {
        GraphModel m = GraphModel.of(ModelFixtures.chain(6).main(), true);
        assertThat(m.nodes()).hasSize(8).noneMatch(n -> n.kind() == GraphModel.Kind.CHAIN);
    }

    @Test
    void aSingleFoldableOpStaysItsOwnNode() {
        GraphModel m = GraphModel.of(chainOf(CONV_2D, RELU, CONV_2D), true);
        assertThat(m.nodes()).noneMatch(n -> n.kind() == GraphModel.Kind.CHAIN);
    }

    @Test
    void personDetectKeepsItsLayersAndFoldsOnlyItsTail() throws Exception {
        String shared = System.getProperty("tflm.shared");
        java.nio.file.Path p = shared == null ? null : java.nio.file.Path.of(shared, "models",
                "tflm-person_detect_int8.tflite");
        org.junit.jupiter.api.Assumptions.assumeTrue(p != null && java.nio.file.Files.isRegularFile(p));
        Subgraph g = dev.tflmstudio.runtime.tflite.ModelReader.open(p).main();
        GraphModel m = GraphModel.of(g, true);
        assertThat(m.nodes().stream().filter(n -> n.kind() == GraphModel.Kind.CHAIN))
                .extracting(GraphModel.Node::label).containsExactly("2 ops: 1× RESHAPE, 1× SOFTMAX");
        assertThat(m.nodes()).hasSize(g.operators().size() - 1 + 2);
    }

    @Test
    void layoutPlacesNodesTopToBottomInExecutionOrder() {
        LaidOutGraph laid = GraphLayout.layout(GraphModel.of(ModelFixtures.chain(4).main(), false));
        for (int i = 1; i < laid.x().length; i++) {
            assertThat(laid.y()[i]).isGreaterThan(laid.y()[i - 1]);
        }
        assertThat(laid.routes()).hasSize(5);
        assertThat(laid.nodeAt(laid.centerX(2), laid.centerY(2))).isEqualTo(2);
    }

    @Test
    void svgHasEveryNodeAndEdgeAndEscapesNames() {
        LaidOutGraph laid = GraphLayout.layout(GraphModel.of(ModelFixtures.chain(2).main(), false));
        String svg = GraphSvg.write(laid, new javafx.scene.paint.Color[laid.x().length], GraphCanvas.Palette.LIGHT);
        assertThat(svg).startsWith("<svg").contains("RELU").contains("#1");
        assertThat(svg.split("<polyline", -1)).hasSize(4);
        assertThat(GraphSvg.escape("a<b&\"c\"")).isEqualTo("a&lt;b&amp;&quot;c&quot;");
    }
}
