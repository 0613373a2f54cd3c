package dev.tflmstudio.app.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Subgraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropertyRowsTest {
    private final Subgraph g = ModelFixtures.chain(3).main();

    @Test
    void operatorShowsItsInputsAndOutputsAsSelectableTensors() {
        List<PropertySection> s = PropertyRows.forOperator(g, g.operator(1), null);
        PropertySection inputs = s.stream().filter(x -> x.title().equals("Inputs")).findFirst().orElseThrow();
        assertThat(inputs.rows()).singleElement().satisfies(r -> {
            assertThat(r.tensor()).isEqualTo(1);
            assertThat(r.value()).contains("t1").contains("int8[1,8]");
        });
    }

    @Test
    void tensorShowsBytesQuantizationFormulaAndUses() {
        List<PropertySection> s = PropertyRows.forTensor(g, g.tensor(1), null);
        String all = s.toString();
        assertThat(all).contains("8 B").contains("real = 0.5 × (q + 3)").contains("Produced by, value=#0 RELU")
                .contains("Read by, value=#1 RELU");
    }

    @Test
    void perChannelQuantizationListsEachChannelAndSummarisesTheRest() {
        List<Float> scales = new java.util.ArrayList<>();
        List<Long> zps = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            scales.add(0.25f * (i + 1));
            zps.add(0L);
        }
        List<String> lines = QuantizationText.formulas(new Quantization(scales, zps, 3, List.of(), List.of()));
        assertThat(lines).hasSize(QuantizationText.MAX_CHANNELS_LISTED + 1);
        assertThat(lines.get(1)).isEqualTo("ch 1: real = 0.5 × q");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("… 4 more channels (scales 0.25 to 5.0)");
    }
}
