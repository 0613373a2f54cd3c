package dev.tflmstudio.devices;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one device profile file and checks it field by field, so that a bad file is rejected with one line that
 * names the file and the field. The rules mirror {@code device-profile.schema.json}; they are checked here in code
 * so the loader needs no schema library.
 */
public final class ProfileFileReader {
    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern HEX16 = Pattern.compile("[0-9A-Fa-f]{4}");
    /** Top-level fields a profile must have, in the order they are checked and written. */
    static final List<String> REQUIRED_FIELDS = List.of("id", "name", "vendor", "mcu", "core", "architecture",
            "clockHz", "wordSizeBits", "fpu", "simd", "sram", "flash", "usb", "defaultBaud", "cyclesPerMac",
            "memoryBandwidthBytesPerCycle");
    /** Every top-level field a profile may have. */
    static final Set<String> FIELDS = Set.of("$schema", "id", "name", "vendor", "mcu", "core", "architecture",
            "clockHz", "wordSizeBits", "fpu", "simd", "sram", "flash", "usb", "defaultBaud", "cyclesPerMac",
            "memoryBandwidthBytesPerCycle", "kernels", "notes");
    private static final Set<String> REGION_FIELDS = Set.of("name", "bytes");
    private static final Set<String> USB_FIELDS = Set.of("vendorId", "productId", "description", "bridge");
    private static final Set<String> MAC_FIELDS = Set.of("int8", "float32", "estimated", "basis");
    private static final Pattern UNCLOSED_AT =
            Pattern.compile("\\s*\\(start marker at \\[Source:.*?line: (\\d+), column: (\\d+)]\\)");
    private static final Set<Integer> WORD_SIZES = Set.of(8, 16, 32, 64);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String file;

    private ProfileFileReader(String file) {
        this.file = file;
    }

    /**
     * Parses and validates one profile.
     *
     * @param file   how to name the file in errors (e.g. {@code boards/foo.json} or the user's path)
     * @param json   the file's text
     * @param source what the profile's {@link DeviceProfile#source()} will say
     */
    public static DeviceProfile read(String file, String json, String source) throws InvalidProfileException {
        return new ProfileFileReader(file).parse(json, source);
    }

    private DeviceProfile parse(String json, String source) throws InvalidProfileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidProfileException(file, "not valid JSON: " + describe(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidProfileException(file, "not valid JSON: the file is empty");
        }
        if (!root.isObject()) {
            throw new InvalidProfileException(file, "must hold one JSON object, found " + kind(root));
        }
        rejectUnknown(root, FIELDS, "");
        for (String field : REQUIRED_FIELDS) {
            required(root, field, field);
        }
        String id = text(root, "id");
        if (!ID.matcher(id).matches()) {
            throw fail("id", "must be kebab-case (lower-case letters and digits joined by '-'), got '" + id + "'");
        }
        return new DeviceProfile(
                id,
                text(root, "name"),
                text(root, "vendor"),
                text(root, "mcu"),
                text(root, "core"),
                text(root, "architecture"),
                positiveLong(root, "clockHz", "clockHz"),
                wordSize(root),
                fpu(root),
                text(root, "simd"),
                regions(root, "sram"),
                regions(root, "flash"),
                usbIds(root),
                (int) positiveInt(root, "defaultBaud", "defaultBaud"),
                macCost(root),
                positiveNumber(root, "memoryBandwidthBytesPerCycle", "memoryBandwidthBytesPerCycle"),
                kernels(root),
                optionalText(root, "notes", "notes"),
                source);
    }

    private String kernels(JsonNode root) throws InvalidProfileException {
        String kernels = optionalText(root, "kernels", "kernels");
        if (kernels == null) {
            return DeviceProfile.REFERENCE_KERNELS;
        }
        if (!DeviceProfile.KERNEL_SETS.contains(kernels)) {
            throw fail("kernels", "must be reference or cmsis-nn, got '" + kernels + "' (other kernel libraries "
                    + "are not modelled: say reference and note it)");
        }
        return kernels;
    }

    private int wordSize(JsonNode root) throws InvalidProfileException {
        int bits = (int) positiveInt(root, "wordSizeBits", "wordSizeBits");
        if (!WORD_SIZES.contains(bits)) {
            throw fail("wordSizeBits", "must be 8, 16, 32 or 64, got " + bits);
        }
        return bits;
    }

    private Fpu fpu(JsonNode root) throws InvalidProfileException {
        String value = text(root, "fpu");
        for (Fpu fpu : Fpu.values()) {
            if (fpu.fileName().equals(value)) {
                return fpu;
            }
        }
        throw fail("fpu", "must be one of none, single, double, got '" + value + "'");
    }

    private List<MemoryRegion> regions(JsonNode root, String field) throws InvalidProfileException {
        JsonNode array = required(root, field, field);
        if (!array.isArray() || array.isEmpty()) {
            throw fail(field, "must be a non-empty array of {\"name\", \"bytes\"} regions");
        }
        List<MemoryRegion> regions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode region = object(array.get(i), path);
            rejectUnknown(region, REGION_FIELDS, path + ".");
            regions.add(new MemoryRegion(text(region, "name", path + ".name"),
                    positiveLong(region, "bytes", path + ".bytes")));
        }
        return regions;
    }

    private List<UsbId> usbIds(JsonNode root) throws InvalidProfileException {
        JsonNode array = required(root, "usb", "usb");
        if (!array.isArray()) {
            throw fail("usb", "must be an array of {\"vendorId\", \"productId\"} pairs (may be empty)");
        }
        List<UsbId> ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "usb[" + i + "]";
            JsonNode usb = object(array.get(i), path);
            rejectUnknown(usb, USB_FIELDS, path + ".");
            int vendor = hex16(usb, "vendorId", path + ".vendorId");
            int product = hex16(usb, "productId", path + ".productId");
            String description = optionalText(usb, "description", path + ".description");
            String bridge = optionalText(usb, "bridge", path + ".bridge");
            ids.add(new UsbId(vendor, product, description, bridge));
        }
        return ids;
    }

    private MacCost macCost(JsonNode root) throws InvalidProfileException {
        JsonNode mac = object(required(root, "cyclesPerMac", "cyclesPerMac"), "cyclesPerMac");
        rejectUnknown(mac, MAC_FIELDS, "cyclesPerMac.");
        double int8 = positiveNumber(mac, "int8", "cyclesPerMac.int8");
        double float32 = positiveNumber(mac, "float32", "cyclesPerMac.float32");
        JsonNode estimated = required(mac, "estimated", "cyclesPerMac.estimated");
        if (!estimated.isBoolean()) {
            throw fail("cyclesPerMac.estimated", "must be true or false, found " + kind(estimated));
        }
        String basis = text(mac, "basis", "cyclesPerMac.basis");
        return new MacCost(int8, float32, estimated.booleanValue(), basis);
    }

    private int hex16(JsonNode parent, String name, String path) throws InvalidProfileException {
        JsonNode node = required(parent, name, path);
        if (!node.isTextual() || !HEX16.matcher(node.textValue()).matches()) {
            throw fail(path, "must be 4 hex digits in a string, like \"10C4\", found " + shown(node));
        }
        return Integer.parseInt(node.textValue(), 16);
    }

    private String text(JsonNode parent, String name) throws InvalidProfileException {
        return text(parent, name, name);
    }

    private String text(JsonNode parent, String name, String path) throws InvalidProfileException {
        JsonNode node = required(parent, name, path);
        if (!node.isTextual()) {
            throw fail(path, "must be a string, found " + kind(node));
        }
        if (node.textValue().isBlank()) {
            throw fail(path, "must not be empty");
        }
        return node.textValue().strip();
    }

    private String optionalText(JsonNode parent, String name, String path) throws InvalidProfileException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw fail(path, "must be a string, found " + kind(node));
        }
        return node.textValue().strip();
    }

    private long positiveLong(JsonNode parent, String name, String path) throws InvalidProfileException {
        JsonNode node = required(parent, name, path);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw fail(path, "must be a positive integer, found " + shown(node));
        }
        return node.longValue();
    }

    private long positiveInt(JsonNode parent, String name, String path) throws InvalidProfileException {
        long value = positiveLong(parent, name, path);
        if (value > Integer.MAX_VALUE) {
            throw fail(path, "must be a positive integer below 2^31, found " + value);
        }
        return value;
    }

    private double positiveNumber(JsonNode parent, String name, String path) throws InvalidProfileException {
        JsonNode node = required(parent, name, path);
        if (!node.isNumber() || !(node.doubleValue() > 0) || Double.isInfinite(node.doubleValue())) {
            throw fail(path, "must be a positive number, found " + shown(node));
        }
        return node.doubleValue();
    }

    private JsonNode object(JsonNode node, String path) throws InvalidProfileException {
        if (!node.isObject()) {
            throw fail(path, "must be an object, found " + kind(node));
        }
        return node;
    }

    private JsonNode required(JsonNode parent, String name, String path) throws InvalidProfileException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw fail(path, "is missing");
        }
        return node;
    }

    private void rejectUnknown(JsonNode object, Set<String> known, String prefix) throws InvalidProfileException {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw fail(prefix + name, "is not a profile field (check its spelling)");
            }
        }
    }

    private InvalidProfileException fail(String path, String problem) {
        return new InvalidProfileException(file, "field '" + path + "' " + problem);
    }

    private static String shown(JsonNode node) {
        return node.isValueNode() ? node.toString() : kind(node);
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Jackson's message without its multi-line source excerpt, plus where the problem is. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        // "(start marker at [Source: REDACTED (...); line: 1, column: 1])" -> "(opened at line 1, column 1)"
        message = UNCLOSED_AT.matcher(message).replaceAll(" (opened at line $1, column $2)");
        if (e.getLocation() != null && (e instanceof JsonParseException || e.getLocation().getLineNr() > 0)) {
            return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + message;
        }
        return message;
    }
}
