package dev.tflmstudio.devices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Valid profile JSON to start tests from: a copy of a built-in file with a new id. */
final class ProfileFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfileFixtures() {
    }

    static ObjectNode validJson(String id) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(
                    BuiltInProfiles.readResource("boards/arduino-nano-33-ble-sense.json"));
            json.put("id", id);
            json.put("name", "Test board " + id);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path folder, String fileName, String text) {
        try {
            return Files.writeString(folder.resolve(fileName), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
