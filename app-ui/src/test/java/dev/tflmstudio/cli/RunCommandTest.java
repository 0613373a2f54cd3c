package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tflm-studio run} and {@code bench} on real models, checked against the TFLM reference values. */
class RunCommandTest extends CommandLineTest {
    @TempDir
    Path tmp;

    private static Path model(String name) {
        String dir = System.getProperty("tflm.shared");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "models")), "shared data not available");
        return Path.of(dir, "models", name);
    }

    /** CMSIS-NN computes what the reference kernels compute; only what its Prepare refuses differs. */
    @Test
    void cmsisNnKernelsRefuseWhatThatBuildRefusesAndRunTheRest() {
        Path fc = model("tflm-opzoo/fully_connected_int16_pc_relu_b32.tflite");
        assertThat(run("run", fc.toString())).as(err).isZero();
        assertThat(run("run", fc.toString(), "--kernels", "cmsis-nn")).isEqualTo(4);
        assertThat(err).startsWith("error: ").contains("cmsis-nn kernels refuse it: ",
                "cmsis_nn/fully_connected.cc:116", "Node FULLY_CONNECTED (number 0) failed to prepare");
        assertThat(err.strip().lines()).hasSize(1);
        Path person = model("tflm-person_detect_int8.tflite");
        assertThat(run("run", person.toString(), "--kernels", "cmsis-nn", "--checksums")).as(err).isZero();
        List<String> cmsis = checksums(out);
        assertThat(run("run", person.toString(), "--checksums")).isZero();
        assertThat(cmsis).hasSize(31).isEqualTo(checksums(out));
    }

    private int[] personScores(String image, String... mapping) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", model("tflm-person_detect_int8.tflite").toString(),
                "--json", "--input", model("testdata/" + image).toString()));
        args.addAll(List.of(mapping));
        assertThat(run(args.toArray(String[]::new))).as(err).isZero();
        JsonNode v = new ObjectMapper().readTree(out).get("outputs").get(0).get("values");
        // person_detect's labels: 0 no person, 1 person (TFLM's model_settings.h).
        return new int[] {v.get(1).asInt(), v.get(0).asInt()};
    }

    /** TFLM's person_detection_test copies the image's bytes into the int8 input; the default does the same. */
    @Test
    void thePersonImageIsAPersonWithTheDefaultMapping() throws Exception {
        int[] person = personScores("tflm-person_detection-person.bmp");
        assertThat(err).contains("input 0: raw mapping, pixel p -> int8 p (its byte copied");
        assertThat(person[0]).as("person score > no-person score").isGreaterThan(person[1]);
        int[] noPerson = personScores("tflm-person_detection-no_person.bmp");
        assertThat(noPerson[0]).as("no-person image: person score < no-person score").isLessThan(noPerson[1]);
        int[] quantized = personScores("tflm-person_detection-person.bmp", "--input-mapping", "quantized");
        assertThat(err).contains("input 0: quantized mapping, pixel p -> int8 p-128");
        assertThat(quantized).isNotEqualTo(person);
        assertThat(run("run", model("tflm-person_detect_int8.tflite").toString(), "--input",
                model("testdata/tflm-person_detection-person.bmp").toString(), "--input-mapping", "bytes"))
                .isEqualTo(2);
        assertThat(err.strip()).isEqualTo("error: unknown input mapping 'bytes' (expected raw, unit, signed or "
                + "quantized)");
    }

    @Test
    void jsonHasOutputsOpsAndTheReferenceChecksums() throws Exception {
        int code = run("run", model("tflm-hello_world_int8.tflite").toString(), "--json", "--checksums",
                "--repeat", "3");
        assertThat(code).as(err).isZero();
        JsonNode root = new ObjectMapper().readTree(out);
        JsonNode output = root.get("outputs").get(0);
        assertThat(output.get("tensor").asInt()).isEqualTo(9);
        assertThat(output.get("type").asText()).isEqualTo("INT8");
        assertThat(output.get("values").get(0).asInt()).isEqualTo(-16);
        JsonNode ops = root.get("ops");
        assertThat(ops).hasSize(3);
        // ref/tflm-hello_world_int8.tflite.txt: after_op=0 .. 2
        assertThat(ops.get(0).get("fnv1a32").get(0).asText()).isEqualTo("0x35349416");
        assertThat(ops.get(1).get("fnv1a32").get(0).asText()).isEqualTo("0xad39a897");
        assertThat(ops.get(2).get("fnv1a32").get(0).asText()).isEqualTo("0x750b7a6f");
        assertThat(ops.get(2).get("opcode").asText()).isEqualTo("FULLY_CONNECTED");
        assertThat(ops.get(2).get("nanosMedian").asLong()).isPositive();
    }

    @Test
    void floatValuesReadBackToTheSameFloat32() throws Exception {
        assertThat(run("run", model("tflm-hello_world_float.tflite").toString(), "--json")).as(err).isZero();
        JsonNode v = new ObjectMapper().readTree(out).get("outputs").get(0).get("values").get(0);
        // ref/tflm-hello_world_float.tflite.txt prints the output as %.9g
        String ref = Files.readAllLines(Path.of(System.getProperty("tflm.shared"), "ref",
                "tflm-hello_world_float.tflite.txt")).stream().dropWhile(l -> !l.startsWith("=== OUTPUTS"))
                .dropWhile(l -> !l.equals("values:")).skip(1).findFirst().orElseThrow();
        assertThat(Float.parseFloat(v.asText())).isEqualTo(Float.parseFloat(ref));
    }

    @Test
    void aModelWithAnOpWeLackExitsFourNamingTheOp() {
        assertThat(run("run", model("tflm-person_detect_vela_ethosu.tflite").toString())).isEqualTo(4);
        assertThat(err).contains("op 0 ethos-u").doesNotContain("Exception");
    }

    @Test
    void aModelTflmRefusesInPrepareExitsFour() {
        assertThat(run("run", model("mlperf-ad_toycar_hybrid_quant.tflite").toString())).isEqualTo(4);
        assertThat(err).contains("op 0 FULLY_CONNECTED").contains("FLOAT32").contains("INT8");
        // the CMSIS-NN build refuses it in its own words (what ../shared/ref-arm32-cmsis shows the board print)
        assertThat(run("run", model("mlperf-ad_toycar_hybrid_quant.tflite").toString(), "--kernels", "cmsis-nn"))
                .isEqualTo(4);
        assertThat(err).contains("cmsis_nn/fully_connected.cc Hybrid models are not supported on TFLite Micro.");
        assertThat(err.strip().lines()).hasSize(1);
    }

    @Test
    void aWrongInputFileIsOneLineAndExitThree() throws Exception {
        Path bin = tmp.resolve("bad.bin");
        Files.write(bin, new byte[7]);
        assertThat(run("run", model("tflm-hello_world_int8.tflite").toString(), "--input", bin.toString()))
                .isEqualTo(3);
        assertThat(err.trim()).startsWith("error: input 0:").contains("7 bytes").doesNotContain("\n");
    }

    @Test
    void stepUntilAndBreakShowTheOpsAsTheyRun() {
        int code = run("run", model("tflm-test_conv_model.tflite").toString(), "--step", "--until", "3",
                "--break", "MAX_POOL_2D");
        assertThat(code).as(err).isZero();
        assertThat(out).contains("op   0 QUANTIZE").contains("op   1 CONV_2D").contains("op   3 MAX_POOL_2D")
                .doesNotContain("op   4 ");
        // ref/tflm-test_conv_model.tflite.txt after_op=1
        assertThat(out).contains("break before op 3 MAX_POOL_2D").contains("fnv1a32=0xd66ad3bf").contains("arena@");
    }

    @Test
    void dumpWritesEveryOpOutput() throws Exception {
        Path dir = tmp.resolve("dump");
        assertThat(run("run", model("tflm-hello_world_int8.tflite").toString(), "--dump", dir.toString()))
                .as(err).isZero();
        assertThat(Files.readAllBytes(dir.resolve("op2_t9.bin"))).containsExactly((byte) -16);
        assertThat(dir.resolve("op0_t7.bin")).hasSize(16);
    }

    @Test
    void benchTimesEachOfSeveralModelsInAJvmOfItsOwn() throws Exception {
        int code = run("bench", model("tflm-hello_world_int8.tflite").toString(),
                model("tflm-hello_world_float.tflite").toString(), "--seconds", "0.2", "--json");
        assertThat(code).as(err).isZero();
        JsonNode models = new ObjectMapper().readTree(out).get("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).get("model").asText()).isEqualTo("tflm-hello_world_int8.tflite");
        assertThat(models.get(1).get("model").asText()).isEqualTo("tflm-hello_world_float.tflite");
        for (JsonNode m : models) {
            assertThat(m.has("error")).as(m.toString()).isFalse();
            assertThat(m.get("oursMsMedian").asDouble()).isPositive();
            // the baseline is timed in the model's own JVM, beside it
            assertThat(m.get("baselineMs").asDouble()).isPositive();
            assertThat(m.get("ratioToBaseline").asDouble()).isPositive();
        }
    }

    @Test
    void benchOverSeveralModelsStopsAtAnUnreadableOneWithItsErrorLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.tflite");
        int code = run("bench", model("tflm-hello_world_int8.tflite").toString(), missing.toString(), "--seconds",
                "0.2");
        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.strip()).isEqualTo("error: no such file: " + missing);
    }

    @Test
    void benchTableGivesASubMicrosecondModelInMicroseconds() throws Exception {
        int code = run("bench", model("tflm-hello_world_int8.tflite").toString(), "--seconds", "0.2");
        assertThat(code).as(err).isZero();
        assertThat(out).contains("ours us").contains("tflm us");
        String row = out.lines().filter(l -> l.startsWith("tflm-hello_world_int8.tflite")).findFirst().orElseThrow();
        String[] cells = row.trim().split("\\s+");
        // hello_world takes well under a microsecond: in milliseconds it read 0.0002, in microseconds 0.2 or so
        double oursUs = Double.parseDouble(cells[1]);
        assertThat(oursUs).as(row).isBetween(0.01, 100.0);
        assertThat(Double.parseDouble(cells[2])).as(row).isPositive().isLessThanOrEqualTo(oursUs);
    }

    @Test
    void benchPrintsOursBesideTheReference() throws Exception {
        int code = run("bench", model("tflm-hello_world_int8.tflite").toString(), "--seconds", "0.2", "--json");
        assertThat(code).as(err).isZero();
        JsonNode m = new ObjectMapper().readTree(out).get("models").get(0);
        assertThat(m.get("model").asText()).isEqualTo("tflm-hello_world_int8.tflite");
        if (m.get("tflmMeasured").asText().equals("tflm_bench, same run")) {
            // TFLM timed now, beside ours: hello_world takes about a microsecond on this kind of machine
            assertThat(m.get("tflmMsMedian").asDouble()).isPositive().isLessThan(0.1);
        } else {
            assertThat(m.get("tflmMeasured").asText()).isEqualTo("stored reference median");
            assertThat(m.get("tflmMsMedian").asDouble()).isEqualTo(0.0004);
        }
        assertThat(m.get("oursMsMedian").asDouble()).isPositive();
        assertThat(m.get("ratioToBaseline").asDouble()).isPositive();
    }

    /** The output values and each op's checksum (the last column), without the timings. */
    private static List<String> checksums(String text) {
        return text.lines().filter(l -> l.matches("\\d+\\s+[A-Z_0-9]+\\s+.*0x[0-9a-f]{8}"))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }
}
