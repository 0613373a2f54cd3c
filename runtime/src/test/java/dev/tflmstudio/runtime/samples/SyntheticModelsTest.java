package dev.tflmstudio.runtime.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorKind;
import dev.tflmstudio.runtime.model.TensorType;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticModelsTest {
    @Test
    void twoThousandOpChainOpensInOrder(@TempDir Path dir) throws Exception {
        Model m = ModelReader.read(SyntheticModels.chain(2000).build(), "chain");
        assertThat(m.main().operators()).hasSize(2000);
        assertThat(m.main().operator(1999).opName()).isEqualTo("RELU");
        assertThat(m.main().outputs()).containsExactly(m.main().tensors().size() - 1);
    }

    @Test
    void halfGigabyteConstantIsMappedNotRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("large.tflite");
        long bytes = 512L << 20;
        SyntheticModels.largeConstant(file, bytes);
        assertThat(Files.size(file)).isGreaterThan(bytes);
        Model m = ModelReader.open(file);
        Tensor weights = m.main().tensor(1);
        assertThat(weights.kind()).isEqualTo(TensorKind.CONSTANT);
        assertThat(weights.data().remaining()).isEqualTo(bytes);
        assertThat(weights.data().get((int) bytes - 1)).isZero();
    }

    @Test
    void everyTensorTypeReadsBack() throws Exception {
        Model m = ModelReader.read(SyntheticModels.everyTensorType().build(), "types");
        assertThat(m.main().tensors()).extracting(Tensor::type).contains(TensorType.values());
    }
}
