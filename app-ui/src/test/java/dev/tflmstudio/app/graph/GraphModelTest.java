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

    @Test
    void collapsesALongChainIntoOneNodeThatStillFindsItsOps() {
        GraphModel m = GraphModel.of(ModelFixtures.chain(6).main(), true);
        assertThat(m.nodes()).hasSize(3);
        GraphModel.Node chain = m.nodes().get(1);
        assertThat(chain.kind()).isEqualTo(GraphModel.Kind.CHAIN);
        assertThat(chain.label()).isEqualTo("6 ops: 6× RELU");
        assertThat(chain.number()).isEqualTo("#0–#5");
        assertThat(m.nodeOfOp(4)).isEqualTo(1);
    }

    @Test
    void shortChainsStayExpanded() {
        GraphModel m = GraphModel.of(ModelFixtures.chain(GraphModel.MIN_CHAIN - 1).main(), true);
        assertThat(m.nodes()).noneMatch(n -> n.kind() == GraphModel.Kind.CHAIN);
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
