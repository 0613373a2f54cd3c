package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.runtime.interpreter.TensorSnapshot;
import dev.tflmstudio.runtime.interpreter.TensorState;
import dev.tflmstudio.runtime.model.Shape;
import dev.tflmstudio.runtime.model.Tensor;
import dev.tflmstudio.runtime.model.TensorType;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code run}'s output values: written as they are formatted, so a large output costs no copy of its text. */
class RunOutputValuesTest {
    private static TensorSnapshot int8(byte[] raw) {
        Tensor t = new Tensor(3, "out", TensorType.INT8, Shape.of(1, raw.length), null, 0, false, null, false, null);
        return new TensorSnapshot(t, raw, TensorState.VALID, null, 0);
    }

    @Test
    void theValuesAreCommaSeparatedAcrossChunkBoundaries() {
        byte[] raw = new byte[10_000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 7);
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            RunCommand.ValueJson.writeText(out, int8(raw));
        }
        String[] values = text.toString().split(",");
        assertThat(values).hasSize(raw.length);
        for (int i = 0; i < raw.length; i++) {
            assertThat(Integer.parseInt(values[i])).as("value %d", i).isEqualTo(raw[i]);
        }
    }

    @Test
    void sixteenMillionValuesAllocateAFewKilobytesNotTheirText() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count the bytes a thread allocates: skipped");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        TensorSnapshot big = int8(new byte[16 << 20]);
        PrintWriter out = new PrintWriter(OutputStream.nullOutputStream());
        long before = mx.getCurrentThreadAllocatedBytes();
        RunCommand.ValueJson.writeText(out, big);
        out.flush();
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        // the 32 MB of text built as one string first took several times that
        assertThat(allocated).isLessThan(1 << 20);
    }
}
