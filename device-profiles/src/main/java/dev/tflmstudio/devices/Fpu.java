package dev.tflmstudio.devices;

import java.util.Locale;

/** The floating-point hardware a core has; {@link #NONE} means float math is done in software. */
public enum Fpu {
    NONE,
    SINGLE,
    DOUBLE;

    /** The spelling used in profile files: {@code none}, {@code single}, {@code double}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether single-precision (float32) arithmetic runs in hardware. */
    public boolean hasFloat32() {
        return this != NONE;
    }
}
