package dev.tflmstudio.app.outline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.runtime.model.Subgraph;
import org.junit.jupiter.api.Test;

class OutlineFilterTest {
    private final Subgraph g = ModelFixtures.chain(12).main();

    @Test
    void matchesOpsByIndexAndType() {
        assertThat(new OutlineFilter("#11").matches(g.operator(11))).isTrue();
        assertThat(new OutlineFilter("11").matches(g.operator(1))).isFalse();
        assertThat(new OutlineFilter("relu").matches(g.operator(3))).isTrue();
        assertThat(new OutlineFilter("conv").matches(g.operator(3))).isFalse();
        assertThat(new OutlineFilter("  ").matches(g.operator(3))).isTrue();
    }

    @Test
    void matchesTensorsByIndexNameTypeAndShape() {
        assertThat(new OutlineFilter("t5").matches(g.tensor(5))).isTrue();
        assertThat(new OutlineFilter("T5").matches(g.tensor(6))).isFalse();
        assertThat(new OutlineFilter("int8").matches(g.tensor(0))).isTrue();
        assertThat(new OutlineFilter("[1,8").matches(g.tensor(0))).isTrue();
        assertThat(new OutlineFilter("1, 8").matches(g.tensor(0))).isTrue();
        assertThat(new OutlineFilter("[1,9").matches(g.tensor(0))).isFalse();
    }
}
