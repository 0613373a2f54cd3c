package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, partial lines and a wrong baud rate through a real port: warnings, no crash, good lines still counted. */
class PtyGarbageTest {
    private static final List<String> OPS = List.of("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "SOFTMAX");

    @TempDir
    Path dir;

    @Test
    void garbagePartialLinesAndWrongBaudAreWarningsAndGoodLinesStillCount() throws Exception {
        SocatPair.assumeSocat();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(ascii(invocation(100) + invocation(200)));
        // The same text as a receiver at 9600 baud sees it when the board sends at 115200.
        stream.write(UartMisread.misread(ascii(invocation(300) + invocation(300)), 115200, 9600));
        stream.write(ascii("\r\n"));
        // Random line noise, then a line cut short, then a line the board's 256-byte buffer cut.
        byte[] noise = new byte[300];
        new Random(5).nextBytes(noise);
        stream.write(noise);
        stream.write(ascii("\r\nCONV_2D took 4\r\n" + "Hello from the app ".repeat(20).substring(0, 255) + "\r\n"));
        stream.write(ascii(invocation(400) + "FULLY_CONNECTED took 7 ticks (0 ms).\r\n" + invocation(500)));
        byte[] bytes = stream.toByteArray();

        SessionSummary summary;
        try (SocatPair pair = SocatPair.start(dir.resolve("board"), dir.resolve("host"));
             SerialLink board = SerialLink.open(pair.a.toString(), PortSettings.defaults(115200),
                     PortTraffic.IGNORE, false);
             BoardSession session = BoardSession.attach(pair.b.toString(), PortSettings.defaults(115200),
                     OpSequence.of(OPS, "test model"), null, null, new BoardListener() { })) {
            board.write(bytes, bytes.length);
            PortTraffic.awaitBytes(session, bytes.length);
            session.close();
            summary = session.summary();
        }
        // Two good invocations before the garbage, two after; the stray line in between is flagged.
        assertThat(summary.matchedInvocations()).isEqualTo(4);
        assertThat(summary.ops().get(0).all().min()).isEqualTo(100);
        assertThat(summary.ops().get(0).all().max()).isEqualTo(500);
        assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).contains("wrong baud rate"));
        assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).contains("256-byte log buffer"));
        assertThat(summary.warnings()).anySatisfy(w -> assertThat(w).contains("does not match"));
    }

    private static String invocation(int ticks) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < OPS.size(); i++) {
            text.append(OPS.get(i)).append(" took ").append(ticks + i).append(" ticks (0 ms).\r\n");
        }
        return text.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
