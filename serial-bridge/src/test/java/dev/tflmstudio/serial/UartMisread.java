package dev.tflmstudio.serial;

import java.io.ByteArrayOutputStream;

/**
 * What a UART receiver set to the wrong baud rate makes of 8N1 text: the bytes are framed on the wire at
 * {@code sendBaud} and sampled mid-bit at {@code readBaud}, as real hardware does. Used to produce genuine wrong-baud
 * garbage for tests (a pseudo-terminal itself ignores the baud rate).
 */
final class UartMisread {
    private UartMisread() {
    }

    static byte[] misread(byte[] data, int sendBaud, int readBaud) {
        double bit = 1.0 / sendBaud;
        double end = data.length * 10 * bit;
        double step = bit / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        double t = 0;
        while (t < end) {
            while (t < end && level(data, t, sendBaud) == 1) {
                t += step;
            }
            if (t >= end) {
                break;
            }
            double start = t;
            int value = 0;
            for (int i = 0; i < 8; i++) {
                value |= level(data, start + (1.5 + i) / readBaud, sendBaud) << i;
            }
            out.write(value);
            t = start + 9.5 / readBaud;
            while (t < end && level(data, t, sendBaud) == 0) {
                t += step;
            }
        }
        return out.toByteArray();
    }

    /** The line level at time {@code t}: start bit 0, 8 data bits LSB first, stop bit 1, idle 1. */
    private static int level(byte[] data, double t, int sendBaud) {
        long bitIndex = (long) Math.floor(t * sendBaud);
        long byteIndex = bitIndex / 10;
        int position = (int) (bitIndex % 10);
        if (byteIndex >= data.length || position == 9) {
            return 1;
        }
        if (position == 0) {
            return 0;
        }
        return (data[(int) byteIndex] >> (position - 1)) & 1;
    }
}
