package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import dev.tflmstudio.serial.record.RecordingReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ending the socat process mid-stream is an unplugged cable; a new pair at the same path is the board coming back. */
class PtyUnplugTest {
    private static final List<String> OPS = List.of("FULLY_CONNECTED", "FULLY_CONNECTED", "FULLY_CONNECTED");

    @TempDir
    Path dir;

    @Test
    void unplugMidStreamKeepsTheRecordingAndReconnects() throws Exception {
        SocatPair.assumeSocat();
        Path boardEnd = dir.resolve("board");
        Path hostEnd = dir.resolve("host");
        Path recording = dir.resolve("unplug.rec");
        List<LinkState> states = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        SocatPair pair = SocatPair.start(boardEnd, hostEnd);
        try (BoardSession session = BoardSession.attach(hostEnd.toString(), PortSettings.defaults(115200),
                OpSequence.of(OPS, "hello_world"), null, recording, new BoardListener() {
                    @Override
                    public void linkState(LinkState state, String detail) {
                        states.add(state);
                    }
                })) {
            SerialLink board = SerialLink.open(boardEnd.toString(), PortSettings.defaults(115200),
                    PortTraffic.IGNORE, false);
            // A whole invocation, then half of one: the cable is pulled in the middle of a line.
            byte[] first = invocation(11).getBytes(StandardCharsets.US_ASCII);
            byte[] cut = "FULLY_CONNECTED took 12 ticks (0 ms).\r\nFULLY_CONN".getBytes(StandardCharsets.US_ASCII);
            board.write(first, first.length);
            board.write(cut, cut.length);
            sent.write(first);
            sent.write(cut);
            PortTraffic.awaitBytes(session, sent.size());
            pair.unplug();
            PortTraffic.await(() -> session.state() == LinkState.DISCONNECTED, "disconnected state");
            board.close();

            // The whole invocation counts; the one cut by the unplug is flagged, not mapped.
            assertThat(session.summary().invocations()).isEqualTo(2);
            assertThat(session.summary().matchedInvocations()).isEqualTo(1);
            assertThat(RecordingReader.payload(recording)).isEqualTo(sent.toByteArray());

            pair = SocatPair.start(boardEnd, hostEnd);
            PortTraffic.await(() -> session.state() == LinkState.CONNECTED, "reconnection");
            try (SerialLink board2 = SerialLink.open(boardEnd.toString(), PortSettings.defaults(115200),
                    PortTraffic.IGNORE, false)) {
                byte[] again = (invocation(21) + invocation(31)).getBytes(StandardCharsets.US_ASCII);
                board2.write(again, again.length);
                sent.write(again);
                PortTraffic.awaitBytes(session, sent.size());
            }
            session.close();
            assertThat(states).containsSubsequence(LinkState.DISCONNECTED, LinkState.CONNECTED);
            // Both invocations after the reconnection count.
            assertThat(session.summary().matchedInvocations()).isEqualTo(3);
            assertThat(session.summary().invocations()).isEqualTo(4);
            assertThat(session.summary().ops().get(0).all().max()).isEqualTo(31);
            assertThat(session.summary().warnings()).anySatisfy(w -> assertThat(w).contains("link was lost"));
        } finally {
            pair.close();
        }
        byte[] recorded = RecordingReader.payload(recording);
        assertThat(recorded).isEqualTo(sent.toByteArray());
        assertThat(Arrays.equals(recorded, sent.toByteArray())).isTrue();
    }

    private static String invocation(int baseTicks) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < OPS.size(); i++) {
            text.append(OPS.get(i)).append(" took ").append(baseTicks + i).append(" ticks (0 ms).\r\n");
        }
        return text.toString();
    }
}
