package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest extends CommandLineTest {
    @TempDir
    Path dir;


    @Test
    void referenceLogAgainstALocalRunOfTheSameModel() throws Exception {
        Path ref = ProfileCommandTest.shared("ref/tflm-person_detect_int8.tflite.txt");
        Path model = ProfileCommandTest.shared("models/tflm-person_detect_int8.tflite");

        assertThat(run("diff", ref.toString(), model.toString(), "--repeat", "2", "--json")).isZero();

        JsonNode root = new ObjectMapper().readTree(out);
        assertThat(root.get("sameModel").asBoolean()).isTrue();
        assertThat(root.get("ops")).hasSize(31);
        assertThat(root.get("unmatched")).isEmpty();
        // both sides know the arena as TFLM reports it and the live bytes of the plan
        assertThat(root.get("deltaArenaBytes").asLong()).isZero();
        assertThat(root.get("peakLiveBytesA").asLong()).isEqualTo(55296);
        assertThat(root.get("peakLiveBytesB").asLong()).isEqualTo(55296);
        for (JsonNode op : root.get("ops")) {
            assertThat(op.get("indexA").asInt()).isEqualTo(op.get("indexB").asInt());
            assertThat(op.get("deltaLiveBytes").asLong()).isZero();
        }
        double previous = Double.MAX_VALUE;
        for (JsonNode op : root.get("ops")) {
            double impact = Math.abs(op.get("deltaMicros").asDouble());
            assertThat(impact).isLessThanOrEqualTo(previous);
            previous = impact;
        }
    }

    @Test
    void twoModelVersionsListTheOpsOnlyOneHas() {
        Path a = ProfileCommandTest.shared("models/mlperf-ad01_int8.tflite");
        Path b = ProfileCommandTest.shared("models/mlperf-ad_toycar_int8_floatio.tflite");

        assertThat(run("diff", a.toString(), b.toString(), "--repeat", "2")).isZero();

        assertThat(out).contains("different or unknown models: ops matched by execution order and type");
        assertThat(out).containsPattern("only in B: #0 QUANTIZE, [0-9.]+ us, 0 MACs");
        assertThat(out).containsPattern("only in B: #11 DEQUANTIZE");
        assertThat(out).containsPattern("(?m)^\\d +\\d+ +FULLY_CONNECTED ");
        assertThat(out).contains("arena: ");
    }

    @Test
    void tensorsOfOurRuntimeMatchTheReferenceChecksumsOpByOp() {
        Path ref = ProfileCommandTest.shared("ref/tflm-person_detect_int8.tflite.txt");
        Path model = ProfileCommandTest.shared("models/tflm-person_detect_int8.tflite");

        assertThat(run("diff", ref.toString(), model.toString(), "--tensors")).isZero();

        assertThat(out).contains("input: the same bytes on both sides");
        assertThat(out).containsPattern("(?m)^0 +0 +DEPTHWISE_CONV_2D .* same +MobilenetV1/MobilenetV1/Conv2d_0/Relu6$");
        assertThat(out).doesNotContain("<- diverges").contains("no op diverges");
    }

    @Test
    void floatAgainstInt8ModelPointsAtTheFirstOpPastTheThreshold() throws Exception {
        Path fp = ProfileCommandTest.shared("models/mlperf-ad01_fp32.tflite");
        Path q = ProfileCommandTest.shared("models/mlperf-ad01_int8.tflite");

        assertThat(run("diff", fp.toString(), q.toString(), "--tensors", "--json", "--min-cosine", "0.8"))
                .isZero();
        JsonNode loose = new ObjectMapper().readTree(out);
        assertThat(loose.get("ops")).hasSize(10);
        assertThat(loose.get("firstDivergence").isNull()).isTrue();

        assertThat(run("diff", fp.toString(), q.toString(), "--tensors", "--max-abs", "0")).isZero();
        assertThat(out).contains("input: the same real values, quantized per model")
                .contains("first divergence: A op 0 / B op 0 FULLY_CONNECTED");
    }

    @Test
    void badRunsGiveOneLineErrors() throws Exception {
        Path bad = Files.writeString(dir.resolve("a.json"), "{nope");
        assertThat(run("diff", bad.toString(), bad.toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err).startsWith("error: " + bad + ": not valid JSON at line 1").hasLineCount(1);
        assertThat(run("diff", dir.resolve("missing.json").toString(), bad.toString()))
                .isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err).contains("no such file");
        Path vela = ProfileCommandTest.shared("models/tflm-person_detect_vela_ethosu.tflite");
        assertThat(run("diff", vela.toString(), vela.toString(), "--repeat", "1"))
                .isEqualTo(ExitCode.NOT_RUNNABLE);
        assertThat(err).hasLineCount(1);
    }
}
