package dev.tflmstudio.serial.port;

import java.util.List;

/**
 * A serial port the system lists.
 *
 * @param path        what to open ({@code /dev/ttyACM0}, {@code COM3})
 * @param name        the system's short name
 * @param description the driver's or device's description
 * @param vendorId    USB vendor id, or -1 when not a USB port
 * @param productId   USB product id, or -1
 * @param serial      USB serial number, or empty
 * @param boards      ids of device profiles whose USB ids match (several for a shared USB-UART bridge)
 */
public record PortInfo(String path, String name, String description, int vendorId, int productId, String serial,
                       List<String> boards) {
    public PortInfo {
        boards = List.copyOf(boards);
    }

    public boolean usb() {
        return vendorId >= 0 && productId >= 0;
    }

    /** {@code 2341:805A}, or empty for non-USB ports. */
    public String usbId() {
        return usb() ? String.format("%04X:%04X", vendorId, productId) : "";
    }
}
