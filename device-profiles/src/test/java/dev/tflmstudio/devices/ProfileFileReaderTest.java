package dev.tflmstudio.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ProfileFileReaderTest {
    private static final String FILE = "boards/foo.json";

    private static DeviceProfile read(String json) throws InvalidProfileException {
        return ProfileFileReader.read(FILE, json, DeviceProfile.BUILT_IN);
    }

    private static String rejection(ObjectNode json) {
        return rejection(json.toString());
    }

    private static String rejection(String json) {
        try {
            read(json);
        } catch (InvalidProfileException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void readsAValidFile() throws InvalidProfileException {
        DeviceProfile p = read(ProfileFixtures.validJson("my-board").toString());

        assertThat(p.id()).isEqualTo("my-board");
        assertThat(p.clockHz()).isEqualTo(64_000_000);
        assertThat(p.usbIds().get(0)).hasToString("2341:805A");
        assertThat(p.usbIds().get(0).viaBridge()).isFalse();
        assertThat(p.source()).isEqualTo(DeviceProfile.BUILT_IN);
    }

    @Test
    void kernelsDefaultToReferenceAndOnlyModelledSetsAreAccepted() throws InvalidProfileException {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        json.remove("kernels");
        assertThat(read(json.toString()).kernels()).isEqualTo("reference");
        json.put("kernels", "cmsis-nn");
        assertThat(read(json.toString()).kernels()).isEqualTo("cmsis-nn");
        json.put("kernels", "esp-nn");
        assertThat(rejection(json)).startsWith("boards/foo.json: field 'kernels' must be reference or cmsis-nn, "
                + "got 'esp-nn'");
    }

    @Test
    void missingFieldNamesTheField() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        json.remove("clockHz");

        assertThat(rejection(json)).isEqualTo("boards/foo.json: field 'clockHz' is missing");
    }

    @Test
    void wrongTypeNamesTheField() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        json.put("clockHz", "64 MHz");

        assertThat(rejection(json))
                .isEqualTo("boards/foo.json: field 'clockHz' must be a positive integer, found \"64 MHz\"");
    }

    @Test
    void fractionalClockIsRejected() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        json.put("clockHz", 64.5e6);

        assertThat(rejection(json)).startsWith("boards/foo.json: field 'clockHz' must be a positive integer");
    }

    @Test
    void negativeRegionSizeNamesTheRegion() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        ((ObjectNode) json.withArray("sram").get(0)).put("bytes", -262144);

        assertThat(rejection(json))
                .isEqualTo("boards/foo.json: field 'sram[0].bytes' must be a positive integer, found -262144");
    }

    @Test
    void malformedJsonSaysWhere() {
        String broken = "{\n  \"id\": \"x\",\n  \"name\": \n}";

        assertThat(rejection(broken)).startsWith("boards/foo.json: not valid JSON: line 4, column 1: ");
    }

    @Test
    void unclosedObjectSaysWhereItOpened() {
        assertThat(rejection("{\"id\": \"x\"")).isEqualTo("boards/foo.json: not valid JSON: line 1, column 11: "
                + "Unexpected end-of-input: expected close marker for Object (opened at line 1, column 1)");
    }

    @Test
    void emptyFileIsRejected() {
        assertThat(rejection("  ")).isEqualTo("boards/foo.json: not valid JSON: the file is empty");
    }

    @Test
    void duplicateKeyIsMalformed() {
        assertThat(rejection("{\"id\": \"a\", \"id\": \"b\"}"))
                .startsWith("boards/foo.json: not valid JSON: ").contains("Duplicate field 'id'");
    }

    @Test
    void misspelledFieldIsRejected() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        json.put("clokHz", 1);

        assertThat(rejection(json))
                .isEqualTo("boards/foo.json: field 'clokHz' is not a profile field (check its spelling)");
    }

    @Test
    void usbIdsMustBeFourHexDigits() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        ((ObjectNode) json.withArray("usb").get(1)).put("productId", "0x5A");

        assertThat(rejection(json)).isEqualTo("boards/foo.json: field 'usb[1].productId' must be 4 hex digits "
                + "in a string, like \"10C4\", found \"0x5A\"");
    }

    @Test
    void idMustBeKebabCase() {
        assertThat(rejection(ProfileFixtures.validJson("My_Board")))
                .isEqualTo("boards/foo.json: field 'id' must be kebab-case (lower-case letters and digits "
                        + "joined by '-'), got 'My_Board'");
    }

    @Test
    void fpuMustBeKnown() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        json.put("fpu", "half");

        assertThat(rejection(json))
                .isEqualTo("boards/foo.json: field 'fpu' must be one of none, single, double, got 'half'");
    }

    @Test
    void cyclesPerMacMustBePositive() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        ((ObjectNode) json.get("cyclesPerMac")).put("int8", 0);

        assertThat(rejection(json))
                .isEqualTo("boards/foo.json: field 'cyclesPerMac.int8' must be a positive number, found 0");
    }

    @Test
    void emptySramListIsRejected() {
        ObjectNode json = ProfileFixtures.validJson("my-board");
        json.putArray("sram");

        assertThat(rejection(json)).isEqualTo(
                "boards/foo.json: field 'sram' must be a non-empty array of {\"name\", \"bytes\"} regions");
    }

    @Test
    void topLevelMustBeAnObject() {
        assertThat(rejection("[1, 2]")).isEqualTo("boards/foo.json: must hold one JSON object, found an array");
    }
}
