package dev.tflmstudio.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ProfileJsonWriterTest {
    @Test
    void everyBuiltInRoundTripsThroughTheFileFormat() throws InvalidProfileException {
        for (DeviceProfile profile : DeviceCatalog.builtIn().profiles()) {
            String json = ProfileJsonWriter.toFileJson(profile).toString();

            DeviceProfile again = ProfileFileReader.read("out.json", json, profile.source());

            assertThat(again).as(profile.id()).isEqualTo(profile);
        }
    }

    @Test
    void listingAddsSourceAndMemoryTotals() {
        DeviceProfile h743 = DeviceCatalog.builtIn().find("stm32h743-nucleo").orElseThrow();

        ObjectNode json = ProfileJsonWriter.toJson(h743);

        assertThat(json.get("source").asText()).isEqualTo("built-in");
        assertThat(json.get("totalSramBytes").asLong()).isEqualTo(h743.totalSramBytes());
        assertThat(json.get("largestSramRegionBytes").asLong()).isEqualTo(512 * 1024);
        assertThat(json.get("totalFlashBytes").asLong()).isEqualTo(2 * 1024 * 1024);
    }
}
