package dev.tflmstudio.serial.probe.mi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A GDB/MI value: a c-string constant, a tuple {@code {name=value,...}} or a list {@code [value,...]}. */
public sealed interface MiValue {
    /** A c-string, unescaped. */
    record Text(String text) implements MiValue {
    }

    /** A tuple of named values, in order (names may repeat in lists of results, never in a tuple in practice). */
    record Tuple(Map<String, MiValue> fields) implements MiValue {
        public Optional<MiValue> get(String name) {
            return Optional.ofNullable(fields.get(name));
        }

        /** The c-string field {@code name}, or null. */
        public String text(String name) {
            return fields.get(name) instanceof Text t ? t.text() : null;
        }
    }

    /** A list of values (results in a list keep only their values: GDB names them all alike, e.g. bkpt=). */
    record Items(List<MiValue> items) implements MiValue {
    }
}
