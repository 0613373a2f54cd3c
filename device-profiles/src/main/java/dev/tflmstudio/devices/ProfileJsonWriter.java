package dev.tflmstudio.devices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes a profile as JSON in the profile file format, which {@link ProfileFileReader} reads back to an equal
 * profile, and, for listings, that plus where it came from and its derived memory totals.
 */
public final class ProfileJsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfileJsonWriter() {
    }

    /**
     * Every field of the profile plus {@code source}, {@code totalSramBytes}, {@code largestSramRegionBytes} and
     * {@code totalFlashBytes} (what {@code devices --json} prints; not a valid profile file because of those four).
     */
    public static ObjectNode toJson(DeviceProfile profile) {
        ObjectNode json = toFileJson(profile);
        json.put("source", profile.source());
        json.put("totalSramBytes", profile.totalSramBytes());
        json.put("largestSramRegionBytes", profile.largestSramRegionBytes());
        json.put("totalFlashBytes", profile.totalFlashBytes());
        return json;
    }

    /** The profile as a user profile file holds it. */
    public static ObjectNode toFileJson(DeviceProfile profile) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", profile.id());
        json.put("name", profile.name());
        json.put("vendor", profile.vendor());
        json.put("mcu", profile.mcu());
        json.put("core", profile.core());
        json.put("architecture", profile.architecture());
        json.put("clockHz", profile.clockHz());
        json.put("wordSizeBits", profile.wordSizeBits());
        json.put("fpu", profile.fpu().fileName());
        json.put("simd", profile.simd());
        json.set("sram", regions(profile.sram()));
        json.set("flash", regions(profile.flash()));
        ArrayNode usb = json.putArray("usb");
        for (UsbId id : profile.usbIds()) {
            ObjectNode node = usb.addObject();
            node.put("vendorId", UsbId.hex(id.vendorId()));
            node.put("productId", UsbId.hex(id.productId()));
            node.put("description", id.description());
            if (id.viaBridge()) {
                node.put("bridge", id.bridgeChip());
            }
        }
        json.put("defaultBaud", profile.defaultBaud());
        ObjectNode mac = json.putObject("cyclesPerMac");
        mac.put("int8", profile.cyclesPerMac().int8());
        mac.put("float32", profile.cyclesPerMac().float32());
        mac.put("estimated", profile.cyclesPerMac().estimated());
        mac.put("basis", profile.cyclesPerMac().basis());
        json.put("memoryBandwidthBytesPerCycle", profile.memoryBandwidthBytesPerCycle());
        json.put("kernels", profile.kernels());
        json.put("notes", profile.notes());
        return json;
    }

    private static ArrayNode regions(List<MemoryRegion> regions) {
        ArrayNode array = MAPPER.createArrayNode();
        for (MemoryRegion region : regions) {
            array.addObject().put("name", region.name()).put("bytes", region.bytes());
        }
        return array;
    }
}
