package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.ArenaEstimate;
import dev.tflmstudio.runtime.plan.ArenaEstimator;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.record.RecordingReader;
import dev.tflmstudio.serial.qemu.QemuBoard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attach} against real stock-TFLM firmware on QEMU's Cortex-M4F over its UART pseudo-terminal: the arena
 * the board prints equals the mcu32 prediction, the op sequence is matched, the ticks are what the firmware
 * printed, and ending QEMU mid-stream is an unplug.
 */
class AttachQemuBoardTest extends CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOOK = Pattern.compile("(\\w+) took (\\d+) ticks");
    private Path elf;
    private Path modelPath;

    @BeforeEach
    void needs() {
        Path shared = QemuBoard.assumeShared();
        QemuBoard.assumeQemu();
        elf = QemuBoard.firmware("person_detect_reference.elf");
        modelPath = shared.resolve("models/tflm-person_detect_int8.tflite");
    }

    @Test
    void measuredArenaOpsAndTicksAreTheFirmwares(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("board.rec");
        try (QemuBoard board = QemuBoard.halted(elf)) {
            CompletableFuture<Integer> attach = CompletableFuture.supplyAsync(() -> run("attach",
                    board.pty().toString(), "--model", modelPath.toString(), "--tick-hz", "25000000",
                    "--seconds", "3", "--record", rec.toString(), "--json"));
            board.awaitUartOpenedHere(java.time.Duration.ofSeconds(20));
            board.resume();
            assertThat(attach.get(30, TimeUnit.SECONDS)).as(err).isZero();
        }
        JsonNode summary = JSON.readTree(out);
        Model model = ModelReader.open(modelPath);
        ArenaEstimate predicted = ArenaEstimator.estimate(model, Planners.plan(model, "tflm", Target.MCU32));
        assertThat(summary.get("arena").get("totalBytes").asLong()).isEqualTo(predicted.totalBytes())
                .isEqualTo(82_388);
        assertThat(summary.get("arena").get("headBytes").asLong()).isEqualTo(predicted.headBytes());
        assertThat(summary.get("arena").get("tailBytes").asLong()).isEqualTo(predicted.tailBytes());
        assertThat(summary.get("matchedInvocations").asInt()).as("invokes mapped to the model's ops")
                .isGreaterThanOrEqualTo(3);
        JsonNode ops = summary.get("ops");
        assertThat(ops).hasSize(31);

        // What the firmware printed, from the raw recording: every op's ticks in every whole invoke.
        String raw = new String(RecordingReader.payload(rec), StandardCharsets.ISO_8859_1);
        List<Long> printed = new ArrayList<>();
        Matcher m = TOOK.matcher(raw);
        while (m.find()) {
            printed.add(Long.parseLong(m.group(2)));
        }
        int invokes = printed.size() / 31;
        List<Long> firstInvoke = printed.subList(0, 31);
        // ../shared/boards/README.md: 5,638,363 ticks; the UART draining into the pty moves it by a few ticks.
        assertThat(firstInvoke.get(0)).isBetween(5_638_300L, 5_638_450L);
        for (int i = 0; i < 31; i++) {
            JsonNode op = ops.get(i);
            assertThat(op.get("tag").asText()).isEqualTo(model.main().operator(i).opName());
            assertThat(op.get("firstTicks").asLong()).as("op %d", i).isEqualTo(firstInvoke.get(i));
            final int opIndex = i;
            List<Long> all = java.util.stream.IntStream.range(0, invokes).mapToObj(k -> printed.get(k * 31 + opIndex))
                    .toList();
            assertThat(op.get("minTicks").asLong()).isEqualTo(java.util.Collections.min(all));
            assertThat(op.get("maxTicks").asLong()).isEqualTo(java.util.Collections.max(all));
        }
    }

    @Test
    void endingQemuMidStreamIsAnUnplugNotACrash() throws Exception {
        try (QemuBoard board = QemuBoard.halted(elf)) {
            CompletableFuture<Integer> attach = CompletableFuture.supplyAsync(() -> run("attach",
                    board.pty().toString(), "--model", modelPath.toString(), "--tick-hz", "25000000",
                    "--seconds", "4", "--json"));
            board.awaitUartOpenedHere(java.time.Duration.ofSeconds(20));
            board.resume();
            Thread.sleep(1500);
            board.unplug();
            assertThat(attach.get(30, TimeUnit.SECONDS)).as(err).isZero();
        }
        assertThat(err).contains("attach: ");
        JsonNode summary = JSON.readTree(out);
        assertThat(summary.get("matchedInvocations").asInt()).isPositive();
        assertThat(summary.get("arena").get("totalBytes").asLong()).isEqualTo(82_388);
    }
}
