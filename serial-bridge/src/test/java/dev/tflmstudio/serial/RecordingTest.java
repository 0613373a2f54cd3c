package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.record.RecordingReader;
import dev.tflmstudio.serial.record.SessionRecorder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings replay through the same pipeline; one cut short by a crash replays up to its last complete byte. */
class RecordingTest {
    private static final String INVOKE = "ADD took 5 ticks (0 ms).\r\nSOFTMAX took 7 ticks (0 ms).\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void aRecordingCutByACrashReplaysEverythingBeforeTheCut() throws Exception {
        Path file = dir.resolve("crash.rec");
        byte[] chunk = INVOKE.getBytes(StandardCharsets.US_ASCII);
        SessionRecorder recorder = SessionRecorder.create(file, 0);
        for (int i = 0; i < 10; i++) {
            recorder.data(chunk, chunk.length, i * 1_000_000L);
        }
        // No close(): the app died. Then the last record loses its final bytes.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(file) - 3);
        }
        SessionSummary summary = BoardSession.replay(file, null, null, new BoardListener() { });
        assertThat(summary.bytes()).isEqualTo(10L * chunk.length - 3);
        assertThat(summary.matchedInvocations()).isEqualTo(10);
        assertThat(RecordingReader.payload(file)).hasSize(10 * chunk.length - 3);
    }

    @Test
    void aPlainTextCaptureReplaysToo() throws Exception {
        Path file = dir.resolve("capture.txt");
        Files.writeString(file, INVOKE.repeat(4));
        assertThat(BoardSession.replay(file, null, null, new BoardListener() { }).matchedInvocations()).isEqualTo(4);
    }
}
