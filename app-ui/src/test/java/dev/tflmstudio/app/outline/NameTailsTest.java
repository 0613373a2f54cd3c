package dev.tflmstudio.app.outline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameTailsTest {
    @Test
    void namesSharingALongPrefixShowTheTailThatTellsThemApart() {
        String[] tails = NameTails.of(List.of(
                "MobilenetV1/MobilenetV1/Conv2d_5_depthwise/Relu6",
                "MobilenetV1/MobilenetV1/Conv2d_5_pointwise/Relu6",
                "MobilenetV1/MobilenetV1/Conv2d_5_pointwise/weights_quant/FakeQuantWithMinMaxVars",
                "MobilenetV1/Logits/SpatialSqueeze",
                "input",
                "a/b", "b"));
        assertThat(tails).containsExactly(
                "…/Conv2d_5_depthwise/Relu6",
                "…/Conv2d_5_pointwise/Relu6",
                "…/FakeQuantWithMinMaxVars",
                "…/SpatialSqueeze",
                "input",
                "…/b", "b");
    }

    @Test
    void aNameNoTailSetsApartIsShownWhole() {
        assertThat(NameTails.of(List.of("x/y", "x/y", "z"))).containsExactly("x/y", "x/y", "z");
    }
}
