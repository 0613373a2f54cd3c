package dev.tflmstudio.profiler.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.testing.Shared;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanReportsTest {

    @Test
    void jsonCarriesTheReferenceNumbersForPersonDetect() throws Exception {
        Model model = Shared.open("tflm-person_detect_int8.tflite");
        JsonNode json = new ObjectMapper().readTree(PlanJson.write(PlanReports.build(model, "tflm", Target.HOST64,
                null)));
        // ../shared/ref/tflm-person_detect_int8.tflite.txt: arena_used_bytes 85232, head 55296, tail 29936.
        assertThat(json.get("planner").asText()).isEqualTo("tflm");
        assertThat(json.get("target").asText()).isEqualTo("host64");
        assertThat(json.get("headBytes").asInt()).isEqualTo(55_296);
        assertThat(json.get("tailBytes").asInt()).isEqualTo(29_936);
        assertThat(json.get("arenaBytes").asInt()).isEqualTo(85_232);
        assertThat(json.get("lowerBoundBytes").asInt()).isEqualTo(55_296);
        assertThat(json.get("peak").get("bytes").asInt()).isEqualTo(55_296);
        assertThat(json.get("buffers")).isNotEmpty();
        JsonNode first = json.get("buffers").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("tensor");
        assertThat(first.has("size") && first.has("firstUse") && first.has("lastUse") && first.has("offset")).isTrue();
        assertThat(json.get("boardFit").isNull()).isTrue();
    }

    @Test
    void scratchBuffersHaveNullTensorInJson() throws Exception {
        Model model = Shared.open("tflm-keyword_scrambled_8bit.tflite");
        JsonNode json = new ObjectMapper().readTree(PlanJson.write(PlanReports.build(model, "tflm", Target.HOST64,
                null)));
        JsonNode scratch = json.get("buffers").get(16);
        assertThat(scratch.get("kind").asText()).isEqualTo("scratch");
        assertThat(scratch.get("tensor").isNull()).isTrue();
        assertThat(json.get("headBytes").asInt()).isEqualTo(672);
        assertThat(json.get("arenaBytes").asInt()).isEqualTo(9_808);
    }

    @Test
    void boardFitRecommendsAnArenaWithHeadroomAndChecksMemories() throws Exception {
        Model model = Shared.open("tflm-person_detect_int8.tflite");
        DeviceProfile nano = DeviceCatalog.builtIn().find("arduino-nano-33-ble-sense").orElseThrow();
        PlanReport r = PlanReports.build(model, "tflm", BoardFits.targetFor(nano), nano);
        BoardFit fit = r.boardFit();
        // ../shared/ref-arm32: person_detect uses 82,388 bytes on a Cortex-M4F.
        assertThat(fit.arenaUsedBytes()).isEqualTo(82_388);
        assertThat(fit.recommendedArenaBytes()).isGreaterThanOrEqualTo(82_388 + 1024)
                .isEqualTo(BoardFits.roundUp(fit.recommendedArenaBytes(), 1024));
        assertThat(fit.fitsSram()).isTrue();
        assertThat(fit.fitsFlash()).isTrue();
        DeviceProfile small = DeviceCatalog.builtIn().profiles().stream()
                .filter(p -> p.largestSramRegionBytes() < 82_388).findFirst().orElse(null);
        if (small != null) {
            assertThat(PlanReports.build(model, "tflm", Target.MCU32, small).boardFit().fitsSram()).isFalse();
        }
    }

    @Test
    void htmlIsOneSelfContainedFileWithEverySection() throws Exception {
        Model model = Shared.open("tflm-person_detect_int8.tflite");
        DeviceProfile nano = DeviceCatalog.builtIn().find("arduino-nano-33-ble-sense").orElseThrow();
        String html = PlanHtml.write(PlanReports.build(model, "best", Target.MCU32, nano));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<style>", "Arena over time",
                "Live bytes per time step", "Planner comparison", "RecordingMicroAllocator breakdown", "Board fit",
                "MicroMutableOpResolver&lt;5&gt;", "AddConv2D()", "AddDepthwiseConv2D()", "AddAveragePool2D()",
                "AddReshape()", "AddSoftmax()", "peak");
        assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import");
    }

    @Test
    void markdownAndCsvCarryTheSameNumbers() throws Exception {
        Model model = Shared.open("mlperf-vww_96_int8.tflite");
        PlanReport r = PlanReports.build(model, "best", Target.HOST64, null);
        assertThat(r.plan().headBytes()).isEqualTo(55_296);
        assertThat(PlanMarkdown.write(r)).contains("| head (planned activations + scratch) | 55296 |",
                "| tflm | 73728 | 18432 |", "| best | 55296 | 0 |");
        String csv = PlanCsv.write(r);
        assertThat(csv).contains("summary,headBytes,55296", "summary,arenaBytes," + r.arena().totalBytes(),
                "planner,tflm,73728");
        assertThat(csv.lines().filter(l -> l.startsWith("buffer,")).count()).isEqualTo(r.plan().bufferCount());
    }

    @Test
    void customOpsUseTheirTflmMethodNames() throws Exception {
        Model model = Shared.open("tflm-micro_speech_audio_preprocessor_int8.tflite");
        assertThat(OpResolverSnippet.calls(model)).contains("AddWindow()", "AddRfft()", "AddFilterBankLog()",
                "AddPCAN()", "AddStridedSlice()");
    }

}
