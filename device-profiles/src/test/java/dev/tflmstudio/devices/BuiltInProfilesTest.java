package dev.tflmstudio.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuiltInProfilesTest {
    private static final Path BOARDS = Path.of("src/main/resources/dev/tflmstudio/devices/boards");

    /** The boards issue 3 asks for by name. */
    private static final List<String> REQUIRED = List.of(
            "arduino-nano-33-ble-sense", "arduino-nano-rp2040-connect", "raspberry-pi-pico", "raspberry-pi-pico-2",
            "esp32-devkitc", "esp32-s3-devkitc-1", "stm32f746g-disco", "stm32h743-nucleo", "sparkfun-edge",
            "arduino-portenta-h7", "nrf5340-dk", "efr32xg24-dev-kit", "imxrt1060-evk", "seeed-xiao-esp32s3",
            "himax-we-i-plus-evb");

    @Test
    void everyBuiltInProfileLoads() {
        DeviceCatalog catalog = DeviceCatalog.builtIn();

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.profiles()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(catalog.profiles()).extracting(DeviceProfile::id).containsAll(REQUIRED);
        for (DeviceProfile p : catalog.profiles()) {
            assertThat(p.builtIn()).as(p.id()).isTrue();
            assertThat(p.wordSizeBits()).as(p.id()).isEqualTo(32);
            assertThat(p.totalSramBytes()).as(p.id()).isPositive();
            assertThat(p.largestSramRegionBytes()).as(p.id()).isLessThanOrEqualTo(p.totalSramBytes());
            assertThat(p.totalFlashBytes()).as(p.id()).isPositive();
            assertThat(p.usbIds()).as(p.id()).isNotEmpty();
            assertThat(p.cyclesPerMac().estimated()).as(p.id() + " figures are estimates and must say so").isTrue();
        }
    }

    @Test
    void datasheetFiguresOfWellKnownBoards() {
        DeviceCatalog catalog = DeviceCatalog.builtIn();

        DeviceProfile nano = catalog.find("arduino-nano-33-ble-sense").orElseThrow();
        assertThat(nano.clockHz()).isEqualTo(64_000_000);
        assertThat(nano.totalSramBytes()).isEqualTo(256 * 1024);
        assertThat(nano.totalFlashBytes()).isEqualTo(1024 * 1024);
        assertThat(nano.fpu()).isEqualTo(Fpu.SINGLE);

        DeviceProfile h743 = catalog.find("stm32h743-nucleo").orElseThrow();
        assertThat(h743.clockHz()).isEqualTo(480_000_000);
        assertThat(h743.largestSramRegionBytes()).as("AXI SRAM").isEqualTo(512 * 1024);
        assertThat(h743.totalSramBytes()).as("864 KiB user SRAM + 192 KiB TCM").isEqualTo((864 + 192) * 1024);
        assertThat(h743.fpu()).isEqualTo(Fpu.DOUBLE);

        DeviceProfile pico = catalog.find("raspberry-pi-pico").orElseThrow();
        assertThat(pico.totalSramBytes()).isEqualTo(264 * 1024);
        assertThat(pico.fpu()).isEqualTo(Fpu.NONE);

        DeviceProfile esp32 = catalog.find("esp32-devkitc").orElseThrow();
        assertThat(esp32.totalSramBytes()).isEqualTo(520 * 1024);
        assertThat(esp32.usbIds()).allMatch(UsbId::viaBridge);
    }

    @Test
    void indexListsEveryBoardFileAndFileNamesMatchIds() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(BOARDS)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith(".schema.json"))
                    .forEach(onDisk::add);
        }
        assertThat(new TreeSet<>(BuiltInProfiles.fileNames())).isEqualTo(onDisk);
        for (DeviceProfile p : DeviceCatalog.builtIn().profiles()) {
            assertThat(onDisk).contains(p.id() + ".json");
        }
    }

    @Test
    void schemaShipsBesideTheBoardsAndNamesTheFieldsTheReaderAccepts() throws IOException {
        JsonNode schema = ProfileFixtures.MAPPER.readTree(
                BuiltInProfiles.readResource("boards/device-profile.schema.json"));

        List<String> schemaFields = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(schemaFields::add);
        assertThat(schemaFields).containsExactlyInAnyOrderElementsOf(ProfileFileReader.FIELDS);

        List<String> required = new ArrayList<>();
        schema.get("required").forEach(n -> required.add(n.asText()));
        assertThat(required).containsExactlyInAnyOrderElementsOf(ProfileFileReader.REQUIRED_FIELDS);
    }

    @Test
    void cortexMBoardsWithDspNameCmsisNnAndTheOthersSayWhyReference() {
        for (DeviceProfile p : DeviceCatalog.builtIn().profiles()) {
            boolean dsp = p.core().startsWith("Cortex-M") && p.simd().contains("DSP");
            assertThat(p.kernels()).as(p.id()).isEqualTo(dsp ? "cmsis-nn" : "reference");
            if (!dsp) {
                assertThat(p.notes()).as(p.id()).contains("Kernels: predicted with TFLM's reference kernels");
            }
        }
    }
}
