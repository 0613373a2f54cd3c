package dev.tflmstudio.serial.record;

import java.nio.charset.StandardCharsets;

/**
 * The session recording format: a header, then one record per read from the port, so that the bytes and their
 * timing can be replayed exactly.
 * <pre>
 *   header : "TFLMSTUDIO-SERIAL-REC 1\n"   (ASCII)
 *            int64 big-endian: session start, epoch milliseconds
 *   record : int64 big-endian: nanoseconds since the session started
 *            int32 big-endian: n &gt;= 0 for n data bytes that follow; -1 link lost; -2 link back
 *            n bytes
 * </pre>
 * A record cut short by a crash is ignored on replay; everything before it is intact.
 */
final class RecordingFormat {
    static final byte[] MAGIC = "TFLMSTUDIO-SERIAL-REC 1\n".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = MAGIC.length + 8;
    static final int RECORD_HEADER_BYTES = 12;
    static final int LINK_LOST = -1;
    static final int LINK_BACK = -2;

    private RecordingFormat() {
    }
}
