package dev.tflmstudio.profiler.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.devices.MemoryRegion;
import dev.tflmstudio.devices.UsbId;
import dev.tflmstudio.profiler.run.AtomicWrite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a device profile in the user-profile file format the device catalog reads ({@code
 * device-profile.schema.json}), so a calibrated profile shows up among the user's boards.
 */
public final class ProfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileJson() {
    }

    public static String toJson(DeviceProfile p) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "device-profile.schema.json");
        root.put("id", p.id());
        root.put("name", p.name());
        root.put("vendor", p.vendor());
        root.put("mcu", p.mcu());
        root.put("core", p.core());
        root.put("architecture", p.architecture());
        root.put("clockHz", p.clockHz());
        root.put("wordSizeBits", p.wordSizeBits());
        root.put("fpu", p.fpu().fileName());
        root.put("simd", p.simd());
        regions(root.putArray("sram"), p.sram());
        regions(root.putArray("flash"), p.flash());
        ArrayNode usb = root.putArray("usb");
        for (UsbId id : p.usbIds()) {
            ObjectNode u = usb.addObject();
            u.put("vendorId", UsbId.hex(id.vendorId()));
            u.put("productId", UsbId.hex(id.productId()));
            u.put("description", id.description());
            if (id.viaBridge()) {
                u.put("bridge", id.bridgeChip());
            }
        }
        root.put("defaultBaud", p.defaultBaud());
        ObjectNode mac = root.putObject("cyclesPerMac");
        mac.put("int8", p.cyclesPerMac().int8());
        mac.put("float32", p.cyclesPerMac().float32());
        mac.put("estimated", p.cyclesPerMac().estimated());
        mac.put("basis", p.cyclesPerMac().basis());
        root.put("memoryBandwidthBytesPerCycle", p.memoryBandwidthBytesPerCycle());
        root.put("notes", p.notes());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Writes {@code <folder>/<id>.json} atomically and returns its path. */
    public static Path save(DeviceProfile profile, Path folder) throws IOException {
        Path file = folder.resolve(profile.id() + ".json");
        AtomicWrite.write(file, toJson(profile));
        return file;
    }

    private static void regions(ArrayNode array, List<MemoryRegion> regions) {
        for (MemoryRegion r : regions) {
            array.addObject().put("name", r.name()).put("bytes", r.bytes());
        }
    }
}
