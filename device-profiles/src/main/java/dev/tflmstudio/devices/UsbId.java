package dev.tflmstudio.devices;

import java.util.Locale;
import java.util.Objects;

/**
 * A USB vendor/product id pair a board enumerates with. When the board talks through a USB-UART bridge chip
 * (CP210x, CH340, an ST-LINK's virtual COM port), the ids are the bridge's, {@code bridgeChip} names it, and the
 * same pair may therefore belong to many boards.
 *
 * @param bridgeChip the bridge or debug-probe chip, or null when the MCU's own USB port enumerates
 */
public record UsbId(int vendorId, int productId, String description, String bridgeChip) {
    public UsbId {
        if (vendorId < 0 || vendorId > 0xFFFF || productId < 0 || productId > 0xFFFF) {
            throw new IllegalArgumentException("USB ids are 16-bit: " + vendorId + ":" + productId);
        }
        description = Objects.requireNonNullElse(description, "");
    }

    /** Whether these ids belong to a bridge chip rather than to the MCU itself. */
    public boolean viaBridge() {
        return bridgeChip != null;
    }

    public boolean matches(int vendor, int product) {
        return vendorId == vendor && productId == product;
    }

    /** Four upper-case hex digits, as lsusb and device managers print them. */
    public static String hex(int id) {
        return String.format(Locale.ROOT, "%04X", id);
    }

    /** {@code 10C4:EA60}. */
    @Override
    public String toString() {
        return hex(vendorId) + ":" + hex(productId);
    }
}
