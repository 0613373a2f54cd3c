package dev.tflmstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesCommandTest extends CommandLineTest {
    @TempDir
    Path folder;


    @Test
    void tableListsTheBuiltInBoards() {
        assertThat(run("devices", "--folder", folder.toString())).isZero();

        assertThat(out.lines().findFirst().orElseThrow())
                .matches("ID +NAME +CORE +MHZ +SRAM KIB +FLASH KIB +FPU +SOURCE");
        assertThat(out).containsPattern("arduino-nano-33-ble-sense +Arduino Nano 33 BLE Sense +Cortex-M4F +64 +256 "
                + "+1024 +single +built-in");
        assertThat(out).containsPattern("stm32h743-nucleo .* 480 +1056 +2048 +double +built-in");
        assertThat(out.lines().count()).isGreaterThanOrEqualTo(16);
        assertThat(err).isEmpty();
    }

    @Test
    void jsonListsEveryField() throws IOException {
        assertThat(run("devices", "--json", "--folder", folder.toString())).isZero();

        JsonNode root = new ObjectMapper().readTree(out);
        JsonNode pico = null;
        for (JsonNode p : root.get("profiles")) {
            if (p.get("id").asText().equals("raspberry-pi-pico")) {
                pico = p;
            }
        }
        assertThat(pico).isNotNull();
        assertThat(pico.get("clockHz").asLong()).isEqualTo(125_000_000);
        assertThat(pico.get("fpu").asText()).isEqualTo("none");
        assertThat(pico.get("sram")).hasSize(3);
        assertThat(pico.get("usb").get(0).get("vendorId").asText()).isEqualTo("2E8A");
        assertThat(pico.get("cyclesPerMac").get("estimated").asBoolean()).isTrue();
        assertThat(pico.get("totalSramBytes").asLong()).isEqualTo(264 * 1024);
        assertThat(pico.get("source").asText()).isEqualTo("built-in");
        assertThat(root.get("problems")).isEmpty();
    }

    @Test
    void badUserFileWarnsOnStderrButExitsZero() throws IOException {
        Path bad = Files.writeString(folder.resolve("bad.json"), "{\"id\": \"x\"");

        assertThat(run("devices", "--folder", folder.toString())).isZero();

        assertThat(err).startsWith("warning: skipped " + bad + ": not valid JSON: ");
        assertThat(err.lines().count()).isEqualTo(1);
        assertThat(out).contains("arduino-nano-33-ble-sense");
    }

    @Test
    void userProfileIsListedAsUser() throws IOException {
        String json;
        try (InputStream in = DevicesCommandTest.class
                .getResourceAsStream("/dev/tflmstudio/devices/boards/nrf52840-dk.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"nrf52840-dk\"", "\"my-nrf-board\"");
        }
        Files.writeString(folder.resolve("mine.json"), json);

        assertThat(run("devices", "--folder", folder.toString())).isZero();

        assertThat(out).containsPattern("my-nrf-board .* user\\R");
    }

    @Test
    void missingFolderGivenByTheUserIsAnError() {
        assertThat(run("devices", "--folder", folder.resolve("nope").toString())).isEqualTo(ExitCode.INVALID_INPUT);

        assertThat(err).isEqualTo("error: no such folder: " + folder.resolve("nope") + System.lineSeparator());
    }
}
