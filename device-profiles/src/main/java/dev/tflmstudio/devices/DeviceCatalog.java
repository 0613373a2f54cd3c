package dev.tflmstudio.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * All device profiles the app knows: the built-in boards plus the user's own files from a folder (by default
 * {@code ~/.tflm-studio/devices}). A user file whose id equals a built-in's replaces it. A bad user file is listed
 * in {@link #problems()} and skipped; it never hides the good ones. Immutable; reload by calling {@link #load}
 * again (or let a {@link DeviceFolderWatcher} do it).
 */
public final class DeviceCatalog {
    /** Where user profiles live unless the user says otherwise. */
    public static final String DEFAULT_FOLDER = ".tflm-studio/devices";

    private final Map<String, DeviceProfile> byId;
    private final List<String> problems;
    private final Path userFolder;

    private DeviceCatalog(Map<String, DeviceProfile> byId, List<String> problems, Path userFolder) {
        this.byId = Map.copyOf(byId);
        this.problems = List.copyOf(problems);
        this.userFolder = userFolder;
    }

    /** {@code ~/.tflm-studio/devices}. */
    public static Path defaultUserFolder() {
        return Path.of(System.getProperty("user.home")).resolve(DEFAULT_FOLDER);
    }

    /** A catalog of exactly these profiles (as an app already holds them), for lookups by id or USB id. */
    public static DeviceCatalog of(java.util.Collection<DeviceProfile> profiles) {
        Map<String, DeviceProfile> byId = new TreeMap<>();
        for (DeviceProfile profile : profiles) {
            byId.put(profile.id(), profile);
        }
        return new DeviceCatalog(byId, List.of(), null);
    }

    /** Only the profiles shipped with TFLM Studio. */
    public static DeviceCatalog builtIn() {
        return new DeviceCatalog(indexBuiltIns(), List.of(), null);
    }

    /**
     * The built-in profiles plus every {@code *.json} file directly in {@code userFolder}. A folder that does not
     * exist simply adds nothing.
     */
    public static DeviceCatalog load(Path userFolder) {
        Map<String, DeviceProfile> byId = indexBuiltIns();
        List<String> problems = new ArrayList<>();
        Map<String, Path> userIds = new LinkedHashMap<>();
        for (Path file : userFiles(userFolder, problems)) {
            String label = file.toString();
            try {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                DeviceProfile profile = ProfileFileReader.read(label, json, file.toAbsolutePath().toString());
                Path earlier = userIds.putIfAbsent(profile.id(), file);
                if (earlier != null) {
                    throw new InvalidProfileException(label, "field 'id' '" + profile.id()
                            + "' is already used by " + earlier.getFileName());
                }
                byId.put(profile.id(), profile);
            } catch (InvalidProfileException e) {
                problems.add(e.getMessage());
            } catch (IOException e) {
                problems.add(label + ": cannot be read: " + e.getMessage());
            }
        }
        return new DeviceCatalog(byId, problems, userFolder);
    }

    /** Every profile, sorted by id. */
    public List<DeviceProfile> profiles() {
        return byId.values().stream().sorted(Comparator.comparing(DeviceProfile::id)).toList();
    }

    /** The profile with this id, ignoring case. */
    public Optional<DeviceProfile> find(String id) {
        return Optional.ofNullable(byId.get(id.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The profiles a USB device with these ids may be. Boards whose own MCU enumerates with the ids come first;
     * boards that share a bridge chip's ids (many boards use a CP2102N) follow, so more than one may match.
     */
    public List<DeviceProfile> findByUsb(int vendorId, int productId) {
        Comparator<DeviceProfile> nativeFirst = Comparator.comparing(p -> p.usbIds().stream()
                .filter(u -> u.matches(vendorId, productId)).allMatch(UsbId::viaBridge));
        return profiles().stream()
                .filter(p -> p.matchesUsb(vendorId, productId))
                .sorted(nativeFirst.thenComparing(DeviceProfile::id))
                .toList();
    }

    /** One line per user file that was skipped, naming the file and the field. */
    public List<String> problems() {
        return problems;
    }

    /** The folder user profiles were read from; empty for {@link #builtIn()}. */
    public Optional<Path> userFolder() {
        return Optional.ofNullable(userFolder);
    }

    private static Map<String, DeviceProfile> indexBuiltIns() {
        Map<String, DeviceProfile> byId = new TreeMap<>();
        for (DeviceProfile profile : BuiltInProfiles.all()) {
            byId.put(profile.id(), profile);
        }
        return byId;
    }

    private static List<Path> userFiles(Path folder, List<String> problems) {
        if (folder == null || !Files.exists(folder)) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            problems.add(folder + ": is not a folder, so no user profiles were read");
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(DeviceCatalog::isProfileFile).sorted().toList();
        } catch (IOException e) {
            problems.add(folder + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    /** A {@code .json} file that is not a schema (users may keep a copy of the schema beside their profiles). */
    static boolean isProfileFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") && !name.endsWith(".schema.json") && !name.startsWith(".")
                && Files.isRegularFile(file);
    }
}
