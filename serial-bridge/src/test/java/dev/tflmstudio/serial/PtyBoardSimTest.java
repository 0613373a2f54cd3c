package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import dev.tflmstudio.serial.sim.VirtualBoard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual board talking to an attached session over a real pseudo-terminal: what the session measures is exactly
 * what the board printed, mapped to the model's ops, with the (N ms) fields consistent with the device clock.
 */
class PtyBoardSimTest {
    private static final Pattern TOOK = Pattern.compile("(\\S+) took (\\d+) ticks \\((\\d+) ms\\)\\.");
    private static final Pattern ARENA = Pattern.compile("Arena allocation (total|head|tail) (\\d+) bytes");
    private static final int INVOKES = 12;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tflm-hello_world_int8.tflite, arduino-nano-33-ble-sense",
                "tflm-person_detect_int8.tflite, stm32h743-nucleo",
                "tflm-hello_world_float.tflite, ''"})
    void theSessionMeasuresExactlyWhatTheVirtualBoardPrinted(String modelName, String deviceId) throws Exception {
        SocatPair.assumeSocat();
        Path modelFile = RefCapture.sharedDir().resolve("models").resolve(modelName);
        Assumptions.assumeTrue(Files.exists(modelFile));
        Model model = ModelReader.open(modelFile);
        DeviceProfile device = deviceId.isEmpty() ? null : DeviceCatalog.builtIn().find(deviceId).orElseThrow();
        VirtualBoard board = VirtualBoard.create(model, device);

        StringBuilder printed = new StringBuilder(board.startupText());
        List<long[]> ticks = new ArrayList<>();
        for (int k = 0; k < INVOKES; k++) {
            String text = board.invocationText();
            printed.append(text);
            Matcher m = TOOK.matcher(text);
            List<Long> values = new ArrayList<>();
            int op = 0;
            while (m.find()) {
                assertThat(m.group(1)).isEqualTo(model.main().operator(op++).opName());
                values.add(Long.parseLong(m.group(2)));
                assertThat(Long.parseLong(m.group(3))).isEqualTo(board.clock().tflmMillis(values.get(op - 1)));
            }
            assertThat(values).hasSize(model.main().operators().size());
            ticks.add(values.stream().mapToLong(Long::longValue).toArray());
        }
        byte[] bytes = printed.toString().getBytes(StandardCharsets.US_ASCII);

        SessionSummary summary;
        try (SocatPair pair = SocatPair.start(dir.resolve("board"), dir.resolve("host"));
             SerialLink port = SerialLink.open(pair.a.toString(), PortSettings.defaults(115200),
                     PortTraffic.IGNORE, false);
             BoardSession session = BoardSession.attach(pair.b.toString(), PortSettings.defaults(115200),
                     OpSequence.of(model), board.clock(), null, new BoardListener() { })) {
            port.write(bytes, bytes.length);
            PortTraffic.awaitBytes(session, bytes.length);
            session.close();
            summary = session.summary();
        }
        assertThat(summary.invocations()).isEqualTo(INVOKES);
        assertThat(summary.matchedInvocations()).isEqualTo(INVOKES);
        assertThat(summary.warnings()).isEmpty();
        for (OpStatistics op : summary.ops()) {
            long[] column = ticks.stream().mapToLong(t -> t[op.index()]).sorted().toArray();
            assertThat(op.tag()).isEqualTo(model.main().operator(op.index()).opName());
            assertThat(op.firstTicks()).isEqualTo(ticks.get(0)[op.index()]);
            assertThat(op.all().min()).isEqualTo(column[0]);
            assertThat(op.all().median()).isEqualTo(column[(INVOKES - 1) / 2]);
            assertThat(op.all().max()).isEqualTo(column[INVOKES - 1]);
        }
        Matcher arena = ARENA.matcher(board.startupText());
        while (arena.find()) {
            long expected = Long.parseLong(arena.group(2));
            long measured = switch (arena.group(1)) {
                case "total" -> summary.arena().totalBytes();
                case "head" -> summary.arena().headBytes();
                default -> summary.arena().tailBytes();
            };
            assertThat(measured).as(arena.group(1)).isEqualTo(expected);
        }
    }
}
