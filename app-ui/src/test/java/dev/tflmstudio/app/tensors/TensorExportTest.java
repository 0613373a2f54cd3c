package dev.tflmstudio.app.tensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.app.ModelFixtures;
import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.interpreter.TensorState;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TensorExportTest {
    private final Tensor t = ModelFixtures.constant(4, "w", Shape.of(2, 3), new byte[] {-3, -1, 0, 1, 5, 127});
    private final TensorSnapshot s = new TensorSnapshot(t, new byte[] {-3, -1, 0, 1, 5, 127}, TensorState.CONSTANT,
            null, -1);

    @Test
    void npyHasAnAlignedHeaderWithDtypeAndShapeThenTheRawBytes() {
        byte[] npy = TensorExport.npy(s);
        int headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(npy[0] & 0xFF).isEqualTo(0x93);
        assertThat((10 + headerLen) % 64).isZero();
        assertThat(header).startsWith("{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(npy).hasSize(10 + headerLen + 6);
        assertThat(npy[npy.length - 1]).isEqualTo((byte) 127);
    }

    @Test
    void csvListsCoordinatesRawAndDequantizedValues() {
        String[] lines = TensorExport.csv(s).split("\n");
        assertThat(lines[0]).isEqualTo("index,d0,d1,raw,real");
        // real = 0.5 * (q - (-3))
        assertThat(lines[1]).isEqualTo("0,0,0,-3,0");
        assertThat(lines[4]).isEqualTo("3,1,0,1,2");
        assertThat(lines[6]).isEqualTo("5,1,2,127,65");
    }
}
