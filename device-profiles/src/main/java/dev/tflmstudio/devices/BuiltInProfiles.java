package dev.tflmstudio.devices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles shipped as resources in {@code dev/tflmstudio/devices/boards/}. They are listed in
 * {@code boards/index.txt} because a class path cannot be listed portably (jar, folder, jlink image).
 */
final class BuiltInProfiles {
    static final String FOLDER = "boards/";
    static final String INDEX = FOLDER + "index.txt";

    private static volatile List<DeviceProfile> cache;

    private BuiltInProfiles() {
    }

    /** Every built-in profile; a broken one is a packaging bug and fails loudly. */
    static List<DeviceProfile> all() {
        List<DeviceProfile> profiles = cache;
        if (profiles == null) {
            try {
                profiles = List.copyOf(loadAll());
            } catch (InvalidProfileException e) {
                throw new IllegalStateException("built-in device profile is broken: " + e.getMessage(), e);
            }
            cache = profiles;
        }
        return profiles;
    }

    /** The file names listed in the index, in order. */
    static List<String> fileNames() {
        List<String> names = new ArrayList<>();
        for (String line : readResource(INDEX).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<DeviceProfile> loadAll() throws InvalidProfileException {
        List<DeviceProfile> profiles = new ArrayList<>();
        Map<String, String> fileOfId = new HashMap<>();
        for (String name : fileNames()) {
            String label = FOLDER + name;
            DeviceProfile profile = ProfileFileReader.read(label, readResource(label), DeviceProfile.BUILT_IN);
            String earlier = fileOfId.putIfAbsent(profile.id(), label);
            if (earlier != null) {
                throw new InvalidProfileException(label, "field 'id' '" + profile.id() + "' is already used by "
                        + earlier);
            }
            profiles.add(profile);
        }
        return profiles;
    }

    static String readResource(String name) {
        try (InputStream in = BuiltInProfiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/tflmstudio/devices/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
