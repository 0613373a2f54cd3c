package dev.tflmstudio.runtime.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tflmstudio.runtime.model.Quantization;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input source fills a tensor with the right bytes, and a wrong file gets a one-line error. */
class InputSourcesTest {
    @TempDir
    Path dir;

    private static Tensor tensor(TensorType type, Quantization q, int... dims) {
        return new Tensor(0, "in", type, Shape.of(dims), null, 0, false, q, false, null);
    }

    @Test
    void patternFollowsTheReferenceRule() throws Exception {
        byte[] b = InputSources.load("pattern", tensor(TensorType.INT16, null, 2));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bb.getShort(0)).isEqualTo((short) (7 - 32768));
        assertThat(bb.getShort(2)).isEqualTo((short) (38 - 32768));
        byte[] f = InputSources.load("pattern", tensor(TensorType.FLOAT32, null, 1));
        assertThat(ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getFloat(0)).isEqualTo(7 / 128.0f - 1.0f);
    }

    @Test
    void randomIsRepeatableForASeed() throws Exception {
        Tensor t = tensor(TensorType.INT8, null, 16);
        assertThat(InputSources.load("random:7", t)).isEqualTo(InputSources.load("random:7", t))
                .isNotEqualTo(InputSources.load("random:8", t));
        assertThatThrownBy(() -> InputSources.load("random:x", t)).hasMessageContaining("not an integer");
    }

    @Test
    void csvGivesRawValuesAndChecksTheCount() throws Exception {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "1,-2,300\n");
        byte[] b = InputSources.load(csv.toString(), tensor(TensorType.INT16, null, 3));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[] {bb.getShort(0), bb.getShort(2), bb.getShort(4)}).containsExactly(1, -2, 300);
        assertThatThrownBy(() -> InputSources.load(csv.toString(), tensor(TensorType.INT16, null, 4)))
                .isInstanceOf(InputException.class).hasMessageContaining("3 values").hasMessageContaining("needs 4");
    }

    @Test
    void binMustHaveExactlyTheTensorsBytes() throws Exception {
        Path bin = dir.resolve("in.bin");
        Files.write(bin, new byte[] {1, 2, 3, 4});
        assertThat(InputSources.load(bin.toString(), tensor(TensorType.INT8, null, 4))).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> InputSources.load(bin.toString(), tensor(TensorType.INT8, null, 5)))
                .hasMessageContaining("4 bytes").hasMessageContaining("needs 5");
        assertThatThrownBy(() -> InputSources.load(dir.resolve("nope.bin").toString(),
                tensor(TensorType.INT8, null, 5))).hasMessageContaining("no such file");
    }

    @Test
    void npyFloatsAreQuantizedToAnInt8Tensor() throws Exception {
        Path npy = dir.resolve("x.npy");
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1f);
        out.write(data.array());
        Files.write(npy, out.toByteArray());
        Tensor t = tensor(TensorType.INT8, Quantization.perTensor(0.5f, 3), 2);
        assertThat(InputSources.load(npy.toString(), t)).containsExactly(4, 1);
    }

    @Test
    void imagesAreResizedAndQuantized() throws Exception {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        Path png = dir.resolve("white.png");
        ImageIO.write(img, "png", png.toFile());
        Tensor t = tensor(TensorType.INT8, Quantization.perTensor(1 / 255f, -128), 1, 2, 2, 1);
        assertThat(InputSources.load(png.toString(), t)).containsExactly(127, 127, 127, 127);
        assertThatThrownBy(() -> InputSources.load(png.toString(), tensor(TensorType.INT8, null, 4)))
                .hasMessageContaining("not an image input");
    }

    @Test
    void wavSamplesFillAnInt16Tensor() throws Exception {
        short[] samples = {100, -200, 300};
        ByteBuffer b = ByteBuffer.allocate(44 + 6).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 6).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(6);
        for (short s : samples) {
            b.putShort(s);
        }
        Path wav = dir.resolve("a.wav");
        Files.write(wav, b.array());
        byte[] got = InputSources.load(wav.toString(), tensor(TensorType.INT16, null, 2));
        ByteBuffer g = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[] {g.getShort(0), g.getShort(2)}).containsExactly(100, -200);
        assertThatThrownBy(() -> InputSources.load(wav.toString(), tensor(TensorType.INT16, null, 4)))
                .hasMessageContaining("3 samples");
    }

    @Test
    void unknownSpecsNameWhatIsAccepted() {
        assertThatThrownBy(() -> InputSources.load("input.xyz", tensor(TensorType.INT8, null, 1)))
                .hasMessageContaining("expected pattern, random[:SEED]");
    }
}
