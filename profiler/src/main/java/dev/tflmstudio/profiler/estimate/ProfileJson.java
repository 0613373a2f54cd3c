package dev.tflmstudio.profiler.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.devices.ProfileJsonWriter;
import dev.tflmstudio.runtime.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves a (calibrated) device profile as a user profile file the device catalog reads, so it shows up among the
 * user's boards. The format itself is the device-profiles module's ({@link ProfileJsonWriter}).
 */
public final class ProfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileJson() {
    }

    public static String toJson(DeviceProfile profile) {
        try {
            return MAPPER.writeValueAsString(ProfileJsonWriter.toFileJson(profile)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Writes {@code <folder>/<id>.json} atomically and returns its path. */
    public static Path save(DeviceProfile profile, Path folder) throws IOException {
        Path file = folder.resolve(profile.id() + ".json");
        AtomicFile.write(file, toJson(profile));
        return file;
    }
}
