package dev.tflmstudio.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tflmstudio.devices.DeviceCatalog;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.port.PortCatalog;
import dev.tflmstudio.serial.port.PortInfo;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing ports: USB ids matched to device profiles; pseudo-terminals are not listed (jSerialComm lists only ports it
 * already has open) but open by path.
 */
class PortCatalogTest {
    @TempDir
    Path dir;

    @Test
    void listedPortsCarryTheBoardsMatchingTheirUsbIds() {
        DeviceCatalog devices = DeviceCatalog.builtIn();
        for (PortInfo port : PortCatalog.list(devices)) {
            assertThat(port.path()).isNotBlank();
            List<String> expected = port.usb()
                    ? devices.findByUsb(port.vendorId(), port.productId()).stream().map(DeviceProfile::id).toList()
                    : List.of();
            assertThat(port.boards()).isEqualTo(expected);
        }
    }

    @Test
    void aPseudoTerminalIsNotListedButOpensByItsPath() throws Exception {
        SocatPair.assumeSocat();
        try (SocatPair pair = SocatPair.start(dir.resolve("board"), dir.resolve("host"))) {
            String real = pair.b.toRealPath().toString();
            assertThat(PortCatalog.list(DeviceCatalog.builtIn())).extracting(PortInfo::path).doesNotContain(real);
            try (SerialLink link = SerialLink.open(pair.b.toString(), PortSettings.defaults(115200),
                    PortTraffic.IGNORE, false)) {
                assertThat(link.state()).isEqualTo(LinkState.CONNECTED);
            }
        }
    }
}
