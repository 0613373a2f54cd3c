package dev.tflmstudio.serial.port;

import com.fazecast.jSerialComm.SerialPort;

/**
 * Line settings for opening a port. {@link #defaults(int)} is what every TFLM example uses: 8 data bits, no parity,
 * 1 stop bit, no flow control.
 */
public record PortSettings(int baud, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    public enum Parity {
        NONE(SerialPort.NO_PARITY), ODD(SerialPort.ODD_PARITY), EVEN(SerialPort.EVEN_PARITY),
        MARK(SerialPort.MARK_PARITY), SPACE(SerialPort.SPACE_PARITY);

        final int jSerialComm;

        Parity(int jSerialComm) {
            this.jSerialComm = jSerialComm;
        }
    }

    public enum StopBits {
        ONE(SerialPort.ONE_STOP_BIT), ONE_POINT_FIVE(SerialPort.ONE_POINT_FIVE_STOP_BITS),
        TWO(SerialPort.TWO_STOP_BITS);

        final int jSerialComm;

        StopBits(int jSerialComm) {
            this.jSerialComm = jSerialComm;
        }
    }

    public enum FlowControl {
        NONE(SerialPort.FLOW_CONTROL_DISABLED),
        RTS_CTS(SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED),
        XON_XOFF(SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED);

        final int jSerialComm;

        FlowControl(int jSerialComm) {
            this.jSerialComm = jSerialComm;
        }
    }

    public PortSettings {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive, got " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5 to 8, got " + dataBits);
        }
    }

    /** 8N1, no flow control. */
    public static PortSettings defaults(int baud) {
        return new PortSettings(baud, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    void applyTo(SerialPort port) {
        port.setComPortParameters(baud, dataBits, stopBits.jSerialComm, parity.jSerialComm);
        port.setFlowControl(flowControl.jSerialComm);
    }
}
