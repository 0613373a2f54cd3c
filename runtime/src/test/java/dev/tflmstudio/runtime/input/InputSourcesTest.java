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

    private Path grayPng(int w, int h, int... pixels) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            img.getRaster().setSample(i % w, i / w, 0, pixels[i]);
        }
        Path png = dir.resolve("gray" + w + "x" + h + ".png");
        ImageIO.write(img, "png", png.toFile());
        return png;
    }

    @Test
    void imagesGoThroughTheChosenMapping() throws Exception {
        Path png = grayPng(2, 2, 0, 100, 200, 255);
        // person_detect's input: int8, scale 2/255, zero point -1.
        Tensor t = tensor(TensorType.INT8, Quantization.perTensor(2 / 255f, -1), 1, 2, 2, 1);
        assertThat(InputSources.load(png.toString(), t)).containsExactly(0, 100, (byte) 200, (byte) 255);
        assertThat(InputSources.load(png.toString(), t, InputMapping.RAW)).containsExactly(0, 100, -56, -1);
        assertThat(InputSources.load(png.toString(), t, InputMapping.QUANTIZED)).containsExactly(-128, -28, 72, 127);
        // p/255 over scale 2/255 (a float: 1/scale is just under 127.5) is p/2, then the zero point -1.
        assertThat(InputSources.load(png.toString(), t, InputMapping.UNIT)).containsExactly(-1, 49, 99, 126);
        assertThat(InputSources.load(png.toString(), t, InputMapping.SIGNED)).containsExactly(-128, -28, 71, 126);
        Tensor f = tensor(TensorType.FLOAT32, null, 1, 2, 2, 1);
        ByteBuffer fb = ByteBuffer.wrap(InputSources.load(png.toString(), f)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(fb.getFloat(4)).isEqualTo(100 / 255f);
    }

    @Test
    void eachMappingSaysWhatAPixelBecomes() {
        Tensor t = tensor(TensorType.INT8, Quantization.perTensor(2 / 255f, -1), 1, 96, 96, 1);
        assertThat(InputMapping.defaultFor(t, SampleKind.PIXEL)).isEqualTo(InputMapping.RAW);
        assertThat(InputMapping.RAW.describe(t, SampleKind.PIXEL)).startsWith("pixel p -> int8 p (its byte copied");
        assertThat(InputMapping.QUANTIZED.describe(t, SampleKind.PIXEL))
                .isEqualTo("pixel p -> int8 p-128 (real value (q+1)*0.00784314)");
        assertThat(InputMapping.UNIT.describe(t, SampleKind.PIXEL))
                .isEqualTo("pixel p -> x = p/255 -> int8 round(x/0.00784314)-1");
        assertThat(InputMapping.SIGNED.describe(t, SampleKind.AUDIO)).startsWith("sample s -> x = s/32768");
        Tensor a = tensor(TensorType.INT8, Quantization.perTensor(0.1f, 0), 1, 4);
        assertThat(InputMapping.defaultFor(a, SampleKind.AUDIO)).isEqualTo(InputMapping.QUANTIZED);
        assertThat(InputMapping.QUANTIZED.describe(a, SampleKind.AUDIO)).startsWith("sample s -> int8 floor(s/256)");
        assertThat(InputMapping.RAW.refusal(a, SampleKind.AUDIO)).get().asString().contains("16-bit samples");
    }

    @Test
    void aWrongSizeOrAWrongMappingIsOneLine() throws Exception {
        Path png = grayPng(3, 2, 1, 2, 3, 4, 5, 6);
        Tensor t = tensor(TensorType.INT8, Quantization.perTensor(2 / 255f, -1), 1, 2, 2, 1);
        assertThatThrownBy(() -> InputSources.load(png.toString(), t))
                .hasMessageContaining("image is 3x2").hasMessageContaining("needs 2x2");
        assertThatThrownBy(() -> InputSources.load(png.toString(), tensor(TensorType.INT8, null, 4)))
                .hasMessageContaining("not an image input");
        assertThatThrownBy(() -> InputSources.load(png.toString(), tensor(TensorType.INT8, null, 1, 2, 3, 1),
                InputMapping.UNIT)).hasMessageContaining("unit needs a float or quantized input");
        assertThatThrownBy(() -> InputMapping.fromId("bytes")).hasMessageContaining("raw, unit, signed or quantized");
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
        // 16-bit samples into an 8-bit input: the whole range by default (s >> 8), or -1..1 quantized.
        Tensor int8 = tensor(TensorType.INT8, Quantization.perTensor(1 / 128f, 0), 3);
        assertThat(InputSources.load(wav.toString(), int8)).containsExactly(0, -1, 1);
        assertThat(InputSources.load(wav.toString(), int8, InputMapping.SIGNED)).containsExactly(0, -1, 1);
        assertThatThrownBy(() -> InputSources.load(wav.toString(), int8, InputMapping.RAW))
                .hasMessageContaining("raw cannot store 16-bit samples in INT8");
        Tensor f = tensor(TensorType.FLOAT32, null, 2);
        ByteBuffer fb = ByteBuffer.wrap(InputSources.load(wav.toString(), f)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(fb.getFloat(0)).isEqualTo(100 / 32768f);
    }

    @Test
    void unknownSpecsNameWhatIsAccepted() {
        assertThatThrownBy(() -> InputSources.load("input.xyz", tensor(TensorType.INT8, null, 1)))
                .hasMessageContaining("expected pattern, random[:SEED]");
    }
}
