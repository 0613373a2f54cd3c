package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest extends CommandLineTest {
    private static final Path SAMPLE = Path.of("..", "assets", "models", "sample_cnn_int8.tflite");

    @Test
    void textListsOperatorsInExecutionOrderAndTheTflmVerdict() {
        assertThat(run("inspect", SAMPLE.toString())).isZero();
        assertThat(out).containsSubsequence("0    CONV_2D", "1    DEPTHWISE_CONV_2D", "5    SOFTMAX")
                .contains("no static reason it would not run");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        assertThat(run("inspect", SAMPLE.toString(), "--json")).isZero();
        JsonNode root = new ObjectMapper().readTree(out);
        JsonNode sg = root.get("subgraphs").get(0);
        assertThat(sg.get("inputs").get(0).asInt()).isZero();
        JsonNode filter = sg.get("tensors").get(1);
        assertThat(filter.get("name").asText()).isEqualTo("conv/filter");
        assertThat(filter.get("type").asText()).isEqualTo("INT8");
        assertThat(filter.get("shape").toString()).isEqualTo("[8,3,3,1]");
        assertThat(filter.get("bytes").asInt()).isEqualTo(72);
        assertThat(filter.get("constant").asBoolean()).isTrue();
        assertThat(filter.get("variable").asBoolean()).isFalse();
        assertThat(filter.get("quantization").get("scale")).hasSize(8);
        assertThat(filter.get("quantization").get("quantizedDimension").asInt()).isZero();
        JsonNode op = sg.get("operators").get(0);
        assertThat(op.get("opcode").asText()).isEqualTo("CONV_2D");
        assertThat(op.get("version").asInt()).isEqualTo(1);
        assertThat(op.get("inputs").toString()).isEqualTo("[0,1,2]");
        assertThat(op.get("outputs").toString()).isEqualTo("[3]");
    }

    @Test
    void brokenFileIsOneErrorLineAndExitThree(@TempDir Path dir) throws Exception {
        Path cut = dir.resolve("cut.tflite");
        byte[] bytes = Files.readAllBytes(SAMPLE);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        assertThat(run("inspect", cut.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err).startsWith("error: ").hasLineCount(1);
        assertThat(out).isEmpty();
    }

    @Test
    void missingFileAndBadUsage() {
        assertThat(run("inspect", "no/such/model.tflite")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err).startsWith("error: no such file");
        assertThat(run("inspect")).isEqualTo(ExitCode.USAGE);
        assertThat(err).startsWith("error: ");
    }
}
