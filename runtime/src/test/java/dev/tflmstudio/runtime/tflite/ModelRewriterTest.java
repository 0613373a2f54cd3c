package dev.tflmstudio.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Metadata;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Operator;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A rewritten copy keeps every tensor, operator, option and weight byte, and carries the new metadata. */
class ModelRewriterTest {

    static Stream<Path> models() {
        return SharedModels.allModels().stream().filter(p -> !p.toString().contains("tflm-opzoo")
                || p.getFileName().toString().startsWith("conv_2d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void copyKeepsMeaningAndAddsMetadata(Path path) throws Exception {
        Model before = ModelReader.open(path);
        byte[] payload = {1, 2, 3, 4, 5, 6, 7, 8};
        byte[] copy = ModelRewriter.withMetadata(ByteBuffer.wrap(Files.readAllBytes(path)), "TflmStudioTest", payload);
        Model after = ModelReader.read(copy, "copy");

        assertThat(ModelReaderReferenceTest.describe(after)).isEqualTo(ModelReaderReferenceTest.describe(before));
        assertThat(after.description()).isEqualTo(before.description());
        for (Subgraph sg : before.subgraphs()) {
            Subgraph sg2 = after.subgraphs().get(sg.index());
            for (Tensor t : sg.tensors()) {
                Tensor t2 = sg2.tensor(t.index());
                assertThat(t2.name()).isEqualTo(t.name());
                assertThat(t2.type()).isEqualTo(t.type());
                assertThat(t2.shape()).isEqualTo(t.shape());
                assertThat(t2.variable()).isEqualTo(t.variable());
                assertThat(t2.quantization()).isEqualTo(t.quantization());
                assertThat(t2.data()).isEqualTo(t.data());
            }
            for (Operator op : sg.operators()) {
                Operator op2 = sg2.operator(op.index());
                assertThat(op2.options()).isEqualTo(op.options());
                assertThat(op2.customOptions()).isEqualTo(op.customOptions());
                assertThat(op2.code()).isEqualTo(op.code());
            }
        }
        assertThat(after.offlinePlan()).isEqualTo(before.offlinePlan());
        Metadata added = after.metadata().stream().filter(m -> m.name().equals("TflmStudioTest")).findFirst()
                .orElseThrow();
        assertThat(added.size()).isEqualTo(payload.length);
        assertThat(after.metadata()).hasSize(before.metadata().size() + 1);
    }
}
