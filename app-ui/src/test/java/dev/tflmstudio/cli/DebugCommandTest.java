package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.serial.qemu.QemuBoard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tflm-studio debug} as a user runs it against stock-TFLM firmware on QEMU's Cortex-M4F through QEMU's GDB
 * stub, and every bad input it must refuse in one line without leaving the board halted.
 */
class DebugCommandTest extends CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path shared;
    private Path elf;
    private Path model;

    @BeforeEach
    void needs() {
        shared = QemuBoard.assumeShared();
        QemuBoard.assumeQemu();
        QemuBoard.assumeGdb();
        elf = QemuBoard.firmware("person_detect_reference.elf");
        model = shared.resolve("models/tflm-person_detect_int8.tflite");
    }

    @Test
    void readmeExampleComparesEveryOpOfOneInvoke() throws Exception {
        // README, "Debug on the board": the same command with the port QEMU got.
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            assertThat(run("debug", "--gdb", board.gdbServer(), "--elf", elf.toString(), "--model", model.toString()))
                    .as(err).isZero();
            assertThat(out.lines().findFirst().orElse("")).isEqualTo("arena (anonymous namespace)::g_arena at"
                    + " 0x20014be0: proven (all 32 planned tensors are at their planned offsets (TfLiteEvalTensor"
                    + " table at 0x200546c8))");
            assertThat(out.lines().filter(l -> l.startsWith("op ")).count()).isEqualTo(31);
            assertThat(out).contains("op   0 DEPTHWISE_CONV_2D      = tensor  34  board 0x07db2c2a  local 0x07db2c2a")
                    .contains("31 ops run on the board, every output equals the local runtime");
            assertThat(board.running()).as("the board runs on after debug").isTrue();
        }
    }

    @Test
    void jsonHasTheProofAndEveryOpsChecksums() throws Exception {
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            assertThat(run("debug", "--gdb", board.gdbServer(), "--elf", elf.toString(), "--model", model.toString(),
                    "--json")).as(err).isZero();
            JsonNode root = JSON.readTree(out);
            assertThat(root.get("arena").get("symbol").asText()).isEqualTo("(anonymous namespace)::g_arena");
            assertThat(root.get("arena").get("proven").asBoolean()).isTrue();
            assertThat(root.get("ops")).hasSize(31);
            JsonNode last = root.get("ops").get(30);
            assertThat(last.get("opcode").asText()).isEqualTo("SOFTMAX");
            assertThat(last.get("outputs").get(0).get("boardFnv1a32").asText()).matches("0x[0-9a-f]{8}");
            assertThat(last.get("outputs").get(0).get("equal").asBoolean()).isTrue();
            assertThat(root.get("firstDivergence").isNull()).isTrue();

            // --until stops before that op; the board is released again in between.
            assertThat(run("debug", "--gdb", board.gdbServer(), "--elf", elf.toString(), "--model", model.toString(),
                    "--until", "3")).as(err).isZero();
            assertThat(out).contains("3 ops run on the board, every output equals the local runtime (stopped"
                    + " before op 3)");
        }
    }

    @Test
    void jsonOfARealRunIsTheOverlaysBoardVsLocalError(@TempDir Path dir) throws Exception {
        // README, "Debug on the board": debug --json saved, then profile --probe-json writes the overlays.
        Path probe = dir.resolve("debug.json");
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            assertThat(run("debug", "--gdb", board.gdbServer(), "--elf", elf.toString(), "--model", model.toString(),
                    "--json")).as(err).isZero();
            Files.writeString(probe, out);
        }
        JsonNode debugged = JSON.readTree(probe.toFile());
        Path explorer = dir.resolve("person.board-max-abs-error.model-explorer.json");
        assertThat(run("profile", model.toString(), "--repeat", "0", "--export-overlay", "model-explorer",
                "--overlay-metric", "board-max-abs-error", "--probe-json", probe.toString(), "--overlay-out",
                explorer.toString())).as(err).isZero();
        JsonNode results = JSON.readTree(explorer.toFile()).get("main").get("results");
        assertThat(results).hasSize(31);
        for (JsonNode op : debugged.get("ops")) {
            // Model Explorer's TFLite adapter numbers op i of subgraph 0 node "i".
            assertThat(results.get(op.get("index").asText()).get("value").asDouble()).as("op %s", op.get("index"))
                    .isEqualTo(op.get("outputs").get(0).get("maxAbsError").asDouble()).isZero();
        }
        Path netron = dir.resolve("person.netron.json");
        assertThat(run("profile", model.toString(), "--repeat", "0", "--export-overlay", "netron", "--probe-json",
                probe.toString(), "--overlay-out", netron.toString())).as(err).isZero();
        JsonNode attachment = JSON.readTree(netron.toFile());
        java.util.Map<String, JsonNode> op30 = new java.util.HashMap<>();
        int equalItems = 0;
        for (JsonNode item : attachment.get("metrics")) {
            if (item.get("name").asText().equals("board outputs equal local")) {
                equalItems++;
                assertThat(item.get("value").asBoolean()).as("op %s", item.get("identifier")).isTrue();
            }
            if (item.get("identifier").asText().equals("30")) {
                op30.put(item.get("name").asText(), item.get("value"));
            }
        }
        assertThat(equalItems).isEqualTo(31);
        assertThat(op30).containsKeys("MACs", "board vs local error (max abs, dequantized)",
                "board outputs equal local");
        assertThat(attachment.get("metadata").toString()).contains("debug probe run debug.json, 31 ops compared");

        // An op with two outputs, one off by a step: the op's error is the larger, and it is not equal.
        com.fasterxml.jackson.databind.node.ObjectNode edited = (com.fasterxml.jackson.databind.node.ObjectNode)
                debugged.deepCopy();
        var outs = (com.fasterxml.jackson.databind.node.ArrayNode) edited.get("ops").get(1).get("outputs");
        outs.addObject().put("tensor", 99).put("equal", false).put("maxAbsError", 0.00390625);
        Path two = Files.writeString(dir.resolve("edited.json"), edited.toString());
        assertThat(run("profile", model.toString(), "--repeat", "0", "--export-overlay", "model-explorer",
                "--overlay-metric", "board-equal", "--probe-json", two.toString(), "--overlay-out",
                explorer.toString())).as(err).isZero();
        results = JSON.readTree(explorer.toFile()).get("main").get("results");
        assertThat(results.get("1").get("value").asDouble()).isZero();
        assertThat(results.get("0").get("value").asDouble()).isEqualTo(1.0);

        // Another model's run, or not a run, is one line and no file.
        Path hello = shared.resolve("models/tflm-hello_world_int8.tflite");
        Path none = dir.resolve("none.json");
        assertThat(run("profile", hello.toString(), "--repeat", "0", "--export-overlay", "netron", "--probe-json",
                probe.toString(), "--overlay-out", none.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.strip()).startsWith("error: --probe-json " + probe + ": op ").doesNotContain("\n");
        assertThat(run("profile", model.toString(), "--repeat", "0", "--export-overlay", "netron", "--probe-json",
                elf.toString(), "--overlay-out", none.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.strip()).startsWith("error: --probe-json " + elf + ": not JSON");
        assertThat(none).doesNotExist();
    }

    @Test
    void cmsisNnFirmwareIsProvenAgainstTheCmsisNnPlanAndComparesEveryOp() throws Exception {
        Path cmsis = QemuBoard.firmware("person_detect_cmsis_nn.elf");
        try (QemuBoard board = QemuBoard.debuggable(cmsis)) {
            assertThat(run("debug", "--gdb", board.gdbServer(), "--elf", cmsis.toString(), "--model",
                    model.toString(), "--json")).as(err).isZero();
            JsonNode root = JSON.readTree(out);
            assertThat(root.get("arena").get("proven").asBoolean()).isTrue();
            assertThat(root.get("arena").get("reason").asText()).contains("planned offsets for CMSIS-NN kernels");
            assertThat(root.get("ops")).hasSize(31);
            root.get("ops").forEach(op -> assertThat(op.get("outputs").get(0).get("equal").asBoolean())
                    .as("op %s", op.get("index")).isTrue());
            assertThat(root.get("firstDivergence").isNull()).isTrue();
        }
    }

    @Test
    void anotherModelFailsTheProofInOneLine() throws Exception {
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            assertThat(run("debug", "--gdb", board.gdbServer(), "--elf", elf.toString(), "--model",
                    shared.resolve("models/tflm-hello_world_int8.tflite").toString()))
                    .isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(err.strip()).startsWith("error: the arena does not hold this model as planned: ")
                    .doesNotContain("\n");
            assertThat(board.running()).isTrue();
        }
    }

    @Test
    void badInputIsOneErrorLineAndTheBoardRunsOn(@TempDir Path dir) throws Exception {
        Path stripped = strip(elf, dir.resolve("stripped.elf"));
        Path notElf = Files.writeString(dir.resolve("firmware.elf"), "not a firmware");
        try (QemuBoard board = QemuBoard.debuggable(elf)) {
            String server = board.gdbServer();
            assertThat(run("debug", "--gdb", server, "--elf", stripped.toString(), "--model", model.toString()))
                    .isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(err.strip()).startsWith("error: ").contains("has no symbol table (stripped?)")
                    .doesNotContain("\n");
            assertThat(run("debug", "--gdb", server, "--elf", notElf.toString(), "--model", model.toString()))
                    .isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(err.strip()).isEqualTo("error: " + notElf + " is not an ELF file");
            assertThat(run("debug", "--gdb", server, "--elf", elf.toString(), "--model", model.toString(),
                    "--arena-symbol", "no_such_arena")).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(err.strip()).isEqualTo("error: no data object 'no_such_arena' in " + elf);
            assertThat(run("debug", "--gdb", server, "--elf", elf.toString(), "--model", model.toString(),
                    "--gdb-path", "/no/such/gdb")).isEqualTo(ExitCode.NOT_RUNNABLE);
            assertThat(err.strip()).startsWith("error: cannot run GDB '/no/such/gdb'").doesNotContain("\n");
            assertThat(run("debug", "--gdb", "127.0.0.1:" + QemuBoard.freePort(), "--elf", elf.toString(),
                    "--model", model.toString())).isEqualTo(ExitCode.NOT_RUNNABLE);
            assertThat(err.strip()).startsWith("error: cannot reach the GDB server 127.0.0.1:").doesNotContain("\n");
            assertThat(run("debug", "--gdb", "nocolon", "--elf", elf.toString(), "--model", model.toString()))
                    .isEqualTo(ExitCode.USAGE);

            // None of these touched the board; a good run afterwards still works and releases it.
            assertThat(run("debug", "--gdb", server, "--elf", elf.toString(), "--model", model.toString(),
                    "--until", "1")).as(err).isZero();
            assertThat(board.running()).isTrue();
        }
    }

    /** The firmware without its symbol table, as a strip leaves it (the .symtab section marked unused). */
    static Path strip(Path elf, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(elf);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(0x20);
        int shentsize = b.getShort(0x2e) & 0xffff;
        int shnum = b.getShort(0x30) & 0xffff;
        for (int i = 0; i < shnum; i++) {
            int type = shoff + i * shentsize + 4;
            if (b.getInt(type) == 2) {
                b.putInt(type, 0);
            }
        }
        return Files.write(to, bytes);
    }
}
