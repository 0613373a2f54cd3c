package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shared model's reference capture (profiler and allocator text, as TFLM printed it) sent through a real
 * pseudo-terminal with jSerialComm on both ends: the session gets exactly the ticks and bytes in the text.
 */
class PtyRefCaptureTest {
    @TempDir
    Path dir;

    @Test
    void everyReferenceCaptureThroughAPortGivesItsTicksAndBytes() throws Exception {
        List<Path> files = RefCapture.topLevel();
        SocatPair.assumeSocat();
        try (SocatPair pair = SocatPair.start(dir.resolve("board"), dir.resolve("host"));
             SerialLink board = SerialLink.open(pair.a.toString(), PortSettings.defaults(115200),
                     PortTraffic.IGNORE, false)) {
            for (Path file : files) {
                RefCapture ref = RefCapture.read(file);
                byte[] bytes = ref.text().getBytes(StandardCharsets.ISO_8859_1);
                SessionSummary summary;
                try (BoardSession session = BoardSession.attach(pair.b.toString(), PortSettings.defaults(115200),
                        null, null, null, new BoardListener() { })) {
                    assertThat(board.write(bytes, bytes.length)).isTrue();
                    PortTraffic.awaitBytes(session, bytes.length);
                    session.close();
                    summary = session.summary();
                }
                assertThat(summary.bytes()).as(ref.name()).isEqualTo(bytes.length);
                RefCaptureParsingTest.assertMatches(ref, summary);
            }
        }
    }
}
