package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.serial.analysis.Invocation;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board printing {@code MicroProfiler::Log()} as fast as a pseudo-terminal carries it for 30 seconds: every
 * byte and every invocation arrives and maps to the model's ops. (Recording integrity is {@link PtyUnplugTest}'s.)
 */
class PtySustainedStreamTest {
    private static final List<String> OPS = List.of("CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "AVERAGE_POOL_2D",
            "RESHAPE", "SOFTMAX");
    private static final long STREAM_NANOS = 30_000_000_000L;

    @TempDir
    Path dir;

    /** Ticks of op {@code op} in invocation {@code k} (0-based): known, varied, so statistics can be checked. */
    private static long ticks(int op, long k) {
        return 1000L * (op + 1) + (k * 7919 + op * 31) % 500;
    }

    @Test
    void thirtySecondsAtFullRateLoseNoEvent() throws Exception {
        SocatPair.assumeSocat();
        long sentBytes = 0;
        AtomicLong invocationsSeen = new AtomicLong();
        long invocationsSent = 0;
        try (SocatPair pair = SocatPair.start(dir.resolve("board"), dir.resolve("host"));
             SerialLink board = SerialLink.open(pair.a.toString(), PortSettings.defaults(921600),
                     PortTraffic.IGNORE, false);
             BoardSession session = BoardSession.attach(pair.b.toString(), PortSettings.defaults(921600),
                     OpSequence.of(OPS, "test model"), null, null, new BoardListener() {
                         @Override
                         public void invocation(Invocation invocation) {
                             invocationsSeen.incrementAndGet();
                         }
                     })) {
            long start = System.nanoTime();
            StringBuilder text = new StringBuilder();
            while (System.nanoTime() - start < STREAM_NANOS) {
                text.setLength(0);
                // 64 invocations per write: a full pty buffer at a time, as a board at full speed fills it.
                for (int i = 0; i < 64; i++, invocationsSent++) {
                    for (int op = 0; op < OPS.size(); op++) {
                        text.append(OPS.get(op)).append(" took ").append(ticks(op, invocationsSent))
                                .append(" ticks (0 ms).\r\n");
                    }
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
                assertThat(board.write(bytes, bytes.length)).isTrue();
                sentBytes += bytes.length;
            }
            PortTraffic.awaitBytes(session, sentBytes);
            session.close();
            SessionSummary summary = session.summary();

            assertThat(summary.bytes()).isEqualTo(sentBytes);
            assertThat(summary.invocations()).isEqualTo(invocationsSent);
            assertThat(summary.matchedInvocations()).isEqualTo(invocationsSent);
            assertThat(invocationsSeen.get()).isEqualTo(invocationsSent);
            assertThat(summary.warnings()).isEmpty();
            for (OpStatistics op : summary.ops()) {
                assertThat(op.tag()).isEqualTo(OPS.get(op.index()));
                assertThat(op.all().count()).isEqualTo(invocationsSent);
                assertThat(op.firstTicks()).isEqualTo(ticks(op.index(), 0));
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (long k = 0; k < invocationsSent; k++) {
                    min = Math.min(min, ticks(op.index(), k));
                    max = Math.max(max, ticks(op.index(), k));
                }
                assertThat(op.all().min()).isEqualTo(min);
                assertThat(op.all().max()).isEqualTo(max);
            }
        }
        System.out.printf("sustained stream: %d invocations, %.1f MB in 30 s over a pty%n", invocationsSent,
                sentBytes / 1e6);
    }
}
