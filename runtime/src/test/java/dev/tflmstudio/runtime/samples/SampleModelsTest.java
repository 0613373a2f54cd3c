package dev.tflmstudio.runtime.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.runtime.tflm.TflmCompatibility;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleModelsTest {
    private static final Path SHIPPED = Path.of("..", "assets", "models", SampleModels.SAMPLE_CNN);

    @Test
    void shippedSampleIsWhatTheCodeBuilds() throws Exception {
        // The bundled file must never drift from its generator: regenerate it with SampleModels.main.
        assertThat(Files.readAllBytes(SHIPPED)).isEqualTo(SampleModels.sampleCnn().build());
    }

    @Test
    void sampleIsASmallInt8CnnTflmCanRun() throws Exception {
        Model model = ModelReader.open(SHIPPED);
        assertThat(model.main().operators()).extracting(Operator::opName).containsExactly("CONV_2D",
                "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX");
        assertThat(TflmCompatibility.problems(model)).isEmpty();
        assertThat(model.main().tensor(model.main().inputs().get(0)).shape().toArray()).containsExactly(1, 16, 16,
                1);
        assertThat(model.main().operator(0).options().getString("fused_activation_function", "")).isEqualTo("RELU");
    }
}
