package dev.tflmstudio.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCatalogTest {
    @TempDir
    Path folder;

    @Test
    void userFileOverridesTheBuiltInWithTheSameId() {
        ObjectNode json = ProfileFixtures.validJson("sparkfun-edge");
        json.put("clockHz", 96_000_000);
        Path file = ProfileFixtures.write(folder, "edge-turbo.json", json.toString());

        DeviceCatalog catalog = DeviceCatalog.load(folder);

        DeviceProfile edge = catalog.find("sparkfun-edge").orElseThrow();
        assertThat(edge.clockHz()).isEqualTo(96_000_000);
        assertThat(edge.builtIn()).isFalse();
        assertThat(edge.sourceFile()).isEqualTo(file.toAbsolutePath());
        assertThat(catalog.profiles()).hasSameSizeAs(DeviceCatalog.builtIn().profiles());
        assertThat(catalog.problems()).isEmpty();
    }

    @Test
    void badUserFilesAreReportedWithoutHidingGoodOnes() {
        ProfileFixtures.write(folder, "good.json", ProfileFixtures.validJson("my-good-board").toString());
        ObjectNode bad = ProfileFixtures.validJson("my-bad-board");
        bad.put("defaultBaud", -9600);
        Path badFile = ProfileFixtures.write(folder, "bad.json", bad.toString());
        Path broken = ProfileFixtures.write(folder, "broken.json", "{ not json");
        ProfileFixtures.write(folder, "readme.txt", "not a profile");

        DeviceCatalog catalog = DeviceCatalog.load(folder);

        assertThat(catalog.find("my-good-board")).isPresent();
        assertThat(catalog.find("my-bad-board")).isEmpty();
        assertThat(catalog.find("arduino-nano-33-ble-sense")).isPresent();
        assertThat(catalog.problems()).containsExactly(
                badFile + ": field 'defaultBaud' must be a positive integer, found -9600",
                catalog.problems().get(1));
        assertThat(catalog.problems().get(1)).startsWith(broken + ": not valid JSON: line 1, column ");
    }

    @Test
    void duplicateIdAcrossUserFilesKeepsTheFirstAndReportsTheSecond() {
        ProfileFixtures.write(folder, "a.json", ProfileFixtures.validJson("twin").toString());
        ObjectNode second = ProfileFixtures.validJson("twin");
        second.put("name", "Second twin");
        Path b = ProfileFixtures.write(folder, "b.json", second.toString());

        DeviceCatalog catalog = DeviceCatalog.load(folder);

        assertThat(catalog.find("twin").orElseThrow().name()).isEqualTo("Test board twin");
        assertThat(catalog.problems()).containsExactly(b + ": field 'id' 'twin' is already used by a.json");
    }

    @Test
    void schemaCopiesInTheUserFolderAreNotProfiles() {
        ProfileFixtures.write(folder, "device-profile.schema.json",
                BuiltInProfiles.readResource("boards/device-profile.schema.json"));

        assertThat(DeviceCatalog.load(folder).problems()).isEmpty();
    }

    @Test
    void missingFolderGivesTheBuiltIns() {
        DeviceCatalog catalog = DeviceCatalog.load(folder.resolve("does-not-exist"));

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.profiles()).hasSameSizeAs(DeviceCatalog.builtIn().profiles());
    }

    @Test
    void findIgnoresCase() {
        assertThat(DeviceCatalog.builtIn().find("Raspberry-Pi-PICO")).get()
                .extracting(DeviceProfile::id).isEqualTo("raspberry-pi-pico");
        assertThat(DeviceCatalog.builtIn().find("no-such-board")).isEmpty();
    }

    @Test
    void usbLookupFindsTheBoard() {
        assertThat(DeviceCatalog.builtIn().findByUsb(0x2341, 0x805A))
                .extracting(DeviceProfile::id).containsExactly("arduino-nano-33-ble-sense");
        assertThat(DeviceCatalog.builtIn().findByUsb(0x2E8A, 0x000A))
                .extracting(DeviceProfile::id).containsExactly("raspberry-pi-pico");
        assertThat(DeviceCatalog.builtIn().findByUsb(0xDEAD, 0xBEEF)).isEmpty();
    }

    @Test
    void boardsOwningTheIdsComeBeforeBoardsSharingABridge() {
        ObjectNode native303a = ProfileFixtures.validJson("a-native-s3-board");
        native303a.putArray("usb").addObject().put("vendorId", "10c4").put("productId", "ea60");
        ProfileFixtures.write(folder, "native.json", native303a.toString());

        DeviceCatalog catalog = DeviceCatalog.load(folder);

        assertThat(catalog.findByUsb(0x10C4, 0xEA60)).extracting(DeviceProfile::id)
                .startsWith("a-native-s3-board").contains("esp32-devkitc", "esp32-s3-devkitc-1");
    }
}
