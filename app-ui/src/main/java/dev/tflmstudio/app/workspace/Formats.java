package dev.tflmstudio.app.workspace;

import dev.tflmstudio.runtime.model.Tensor;
import java.util.Locale;

/** How every window writes sizes and tensors, so the same thing reads the same everywhere. */
public final class Formats {
    private Formats() {
    }

    /** {@code 12,345 B} exact, since arena sizes are compared with the board's to the byte. */
    public static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d B", n);
    }

    /** {@code 12.1 KiB} for labels where space is short. */
    public static String shortBytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.2f MiB", n / (1024.0 * 1024.0));
    }

    /** {@code int8[1,96,96,1]}. */
    public static String typeAndShape(Tensor t) {
        return t.type().name().toLowerCase(Locale.ROOT) + t.shape();
    }

    /** {@code t12 name} or {@code t12} for unnamed tensors. */
    public static String tensorLabel(Tensor t) {
        return t.name().isEmpty() ? "t" + t.index() : "t" + t.index() + " " + t.name();
    }
}
