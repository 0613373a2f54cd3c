package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest extends CommandLineTest {

    private static Path shared() {
        String dir = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "ref")), "shared data not available");
        return Path.of(dir);
    }

    /** README: a model TFLM refuses in Prepare has no plan; run and plan both give TFLM's reason, exit 4. */
    @Test
    void aModelTflmRefusesInPrepareGetsTflmsReasonFromPlanAndRun() throws Exception {
        Path model = shared().resolve("models/tflm-opzoo/exp_int8.tflite");
        String tflm = "error: op 0 EXP: input->type != kTfLiteFloat32 (INT8 != FLOAT32)";
        assertThat(run("plan", model.toString())).isEqualTo(4);
        assertThat(err.trim()).isEqualTo(tflm);
        assertThat(out).isEmpty();
        assertThat(run("run", model.toString())).isEqualTo(4);
        assertThat(err.trim()).isEqualTo(tflm);
    }

    /** The acceptance check: head, tail, total and every offset equal TFLM's on every runnable model. */
    @Test
    void jsonEqualsTheReferenceOnEverySharedModel() throws Exception {
        Path shared = shared();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> refs = Files.list(shared.resolve("ref"))) {
            for (Path ref : refs.filter(p -> p.toString().endsWith(".tflite.txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(ref);
                String used = value(lines, "arena_used_bytes");
                if (used == null) {
                    continue;
                }
                Path model = shared.resolve(value(lines, "model"));
                assertThat(run("plan", model.toString(), "--planner", "tflm", "--target", "host64", "--json"))
                        .as(err).isZero();
                JsonNode json = new ObjectMapper().readTree(out);
                checked++;
                StringBuilder got = new StringBuilder();
                got.append(json.get("arenaBytes").asLong()).append('/').append(json.get("headBytes").asLong())
                        .append('/').append(json.get("tailBytes").asLong());
                String want = used + "/" + value(lines, "arena_head_nonpersistent_bytes") + "/"
                        + value(lines, "arena_tail_persistent_bytes");
                List<String> offsets = new ArrayList<>();
                boolean inCsv = false;
                for (String line : lines) {
                    if (line.startsWith("buf_id,")) {
                        inCsv = true;
                    } else if (inCsv && !line.isEmpty() && Character.isDigit(line.charAt(0))) {
                        offsets.add(line.substring(line.lastIndexOf(',') + 1));
                    } else {
                        inCsv = false;
                    }
                }
                List<String> gotOffsets = new ArrayList<>();
                json.get("buffers").forEach(b -> gotOffsets.add(b.get("offset").asText()));
                if (!want.equals(got.toString()) || !offsets.equals(gotOffsets)) {
                    mismatches.add(ref.getFileName() + ": want " + want + " got " + got);
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(19);
        assertThat(mismatches).isEmpty();
    }

    /** The README's cmsis-nn line: person_detect as a Cortex-M4F firmware with CMSIS-NN allocates it. */
    @Test
    void cmsisNnPersonDetectPrintsTheBoardsArena() throws Exception {
        Path model = shared().resolve("models/tflm-person_detect_int8.tflite");
        assertThat(run("plan", model.toString(), "--kernels", "cmsis-nn")).as(err).isZero();
        assertThat(out).contains("| target | mcu32 |", "| kernels | cmsis-nn |",
                "| head (planned activations + scratch) | 55296 |", "| tail (persistent) | 27124 |",
                "| arena_used_bytes | 82420 |");
        assertThat(run("plan", model.toString(), "--kernels", "cmsis-nn", "--json")).as(err).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.get("kernels").asText()).isEqualTo("cmsis-nn");
        assertThat(json.get("arenaBytes").asLong()).isEqualTo(82_420);
        // the average pool's int32 channel sums are the one scratch buffer CMSIS-NN adds
        long scratch = 0;
        for (JsonNode b : json.get("buffers")) {
            scratch += b.get("kind").asText().equals("scratch") ? 1 : 0;
        }
        assertThat(scratch).isEqualTo(1);
        // the same model with the reference kernels is 32 bytes smaller on the same board
        assertThat(run("plan", model.toString(), "--kernels", "reference", "--target", "mcu32", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out).get("arenaBytes").asLong()).isEqualTo(82_388);
    }

    @Test
    void cmsisNnFollowsTheDeviceAndRefusesHost64() {
        Path model = shared().resolve("models/tflm-person_detect_int8.tflite");
        assertThat(run("plan", model.toString(), "--device", "arduino-nano-33-ble-sense")).as(err).isZero();
        assertThat(out).contains("| kernels | cmsis-nn |", "| arena_used_bytes | 82420 |");
        assertThat(run("plan", model.toString(), "--kernels", "cmsis-nn", "--target", "host64")).isEqualTo(2);
        assertThat(err).contains("error: --kernels cmsis-nn runs on Cortex-M only");
        assertThat(run("plan", model.toString(), "--kernels", "esp-nn")).isEqualTo(2);
        assertThat(err).contains("error: kernel set 'esp-nn' is not modelled");
    }

    /** A streaming wake-word model: the report says which bytes are in the main arena and which in the variables'. */
    @Test
    void reportsSayWhereResourceVariablesLive(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("stream.tflite");
        Files.write(model, dev.tflmstudio.runtime.samples.StreamingModels.wakeWord(3, 24, 5));
        assertThat(run("plan", model.toString(), "--kernels", "cmsis-nn")).as(err).isZero();
        // the main arena as the Cortex-M4F CMSIS-NN firmware printed it for this model (run_arm_ref.sh)
        assertThat(out).contains("| arena_used_bytes | 4276 |", "## Resource variables",
                "3 resource variable(s) of 32 slots",
                "| variable buffers (stream_0, stream_1, stream_2) | main arena tail, Persistent buffer data | 288 |",
                "| MicroAllocator + MicroResourceVariables (32 slots) | the variables' own arena | 768 |");
        assertThat(run("plan", model.toString(), "--kernels", "cmsis-nn", "--json")).as(err).isZero();
        JsonNode v = new ObjectMapper().readTree(out).get("resourceVariables");
        assertThat(v.get("bufferBytes").asLong()).isEqualTo(288);
        assertThat(v.get("variablesArenaBytes").asLong()).isEqualTo(768);
        assertThat(v.get("slots").asInt()).isEqualTo(32);
        Path html = dir.resolve("stream.html");
        assertThat(run("plan", model.toString(), "--target", "mcu32", "-o", html.toString())).as(err).isZero();
        assertThat(Files.readString(html)).contains("<h2>Resource variables</h2>", "kernels <b>reference</b>",
                "the variable buffers, 288 B, are in the main arena's tail");
    }

    private static String value(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key + ": ")) {
                return l.substring(key.length() + 2).trim();
            }
        }
        return null;
    }

    @Test
    void defaultIsAMarkdownSummary() {
        Path model = shared().resolve("models/tflm-hello_world_int8.tflite");
        assertThat(run("plan", model.toString())).isZero();
        assertThat(out).startsWith("# Memory plan: tflm-hello_world_int8.tflite")
                .contains("| arena_used_bytes | 1392 |", "AddFullyConnected()");
    }

    @Test
    void writesHtmlAndTheOfflinePlanCopy(@TempDir Path dir) throws Exception {
        Path model = shared().resolve("models/mlperf-vww_96_int8.tflite");
        Path html = dir.resolve("vww.html");
        Path copy = dir.resolve("vww_best.tflite");
        assertThat(run("plan", model.toString(), "--planner", "best", "--device", "arduino-nano-33-ble-sense",
                "-o", html.toString(), "--write-offline-plan", copy.toString())).as(err).isZero();
        assertThat(Files.readString(html)).contains("<svg", "Board fit", "Arduino Nano 33 BLE Sense");
        assertThat(err).contains("TFLM will plan a 55,296-byte head with it");
        assertThat(run("plan", copy.toString(), "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out).get("headBytes").asInt()).isEqualTo(55_296);
    }

    @Test
    void badInputGetsOneLineErrors(@TempDir Path dir) throws Exception {
        Path model = shared().resolve("models/tflm-hello_world_int8.tflite");
        assertThat(run("plan", model.toString(), "--planner", "fastest")).isEqualTo(ExitCode.USAGE);
        assertThat(err).startsWith("error: unknown planner 'fastest'");
        assertThat(run("plan", model.toString(), "--target", "riscv")).isEqualTo(ExitCode.USAGE);
        assertThat(run("plan", model.toString(), "--device", "no-such-board")).isEqualTo(ExitCode.USAGE);
        assertThat(run("plan", dir.resolve("missing.tflite").toString())).isEqualTo(ExitCode.INVALID_INPUT);
        Path junk = dir.resolve("junk.tflite");
        Files.writeString(junk, "not a model");
        assertThat(run("plan", junk.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.lines().count()).isEqualTo(1);
    }
}
