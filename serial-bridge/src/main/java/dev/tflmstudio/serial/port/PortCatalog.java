package dev.tflmstudio.serial.port;

import com.fazecast.jSerialComm.SerialPort;
import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The serial ports the system lists, with their USB ids matched to device profiles. Pseudo-terminals (socat pairs,
 * the virtual board) are never listed: users type their path instead, and {@link SerialLink} opens any path.
 */
public final class PortCatalog {
    private PortCatalog() {
    }

    public static List<PortInfo> list(DeviceCatalog devices) {
        List<PortInfo> ports = new ArrayList<>();
        for (SerialPort port : SerialPort.getCommPorts()) {
            int vendor = port.getVendorID();
            int product = port.getProductID();
            List<String> boards = vendor < 0 || product < 0 ? List.of()
                    : devices.findByUsb(vendor, product).stream().map(DeviceProfile::id).toList();
            String description = port.getPortDescription();
            if (description == null || description.isBlank()) {
                description = port.getDescriptivePortName();
            }
            String serial = port.getSerialNumber();
            ports.add(new PortInfo(port.getSystemPortPath(), port.getSystemPortName(), description, vendor, product,
                    serial == null || serial.equals("Unknown") ? "" : serial, boards));
        }
        return ports;
    }
}
