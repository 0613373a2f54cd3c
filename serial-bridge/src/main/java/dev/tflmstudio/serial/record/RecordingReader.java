package dev.tflmstudio.serial.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads back a session: a {@link SessionRecorder} file record by record, or any other file (a plain text capture
 * from a terminal program, a reference run) as one stream of bytes with no timing.
 */
public final class RecordingReader {
    /** What a replay is fed. */
    public interface Sink {
        void bytes(byte[] data, int count, long nanos);

        void linkLost(long nanos);

        void linkBack(long nanos);
    }

    /** What was read. */
    public record Result(boolean recording, long startEpochMillis, long dataBytes, boolean truncatedTail) {
    }

    private RecordingReader() {
    }

    public static Result read(Path file, Sink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(RecordingFormat.MAGIC.length);
            if (!Arrays.equals(head, RecordingFormat.MAGIC)) {
                return plain(head, in, sink);
            }
            byte[] start = in.readNBytes(8);
            if (start.length < 8) {
                return new Result(true, 0, 0, true);
            }
            long startMillis = ByteBuffer.wrap(start).getLong();
            return records(in, sink, startMillis);
        }
    }

    private static Result plain(byte[] head, InputStream in, Sink sink) throws IOException {
        long total = head.length;
        sink.bytes(head, head.length, 0);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            sink.bytes(buffer, n, 0);
            total += n;
        }
        return new Result(false, 0, total, false);
    }

    private static Result records(InputStream in, Sink sink, long startMillis) throws IOException {
        byte[] header = new byte[RecordingFormat.RECORD_HEADER_BYTES];
        byte[] data = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int got = in.readNBytes(header, 0, header.length);
            if (got == 0) {
                return new Result(true, startMillis, total, false);
            }
            if (got < header.length) {
                return new Result(true, startMillis, total, true);
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            long nanos = h.getLong();
            int count = h.getInt();
            if (count == RecordingFormat.LINK_LOST) {
                sink.linkLost(nanos);
                continue;
            }
            if (count == RecordingFormat.LINK_BACK) {
                sink.linkBack(nanos);
                continue;
            }
            if (count < 0) {
                throw new IOException("bad record (length " + count + ") after " + total + " data bytes");
            }
            if (data.length < count) {
                data = new byte[count];
            }
            int read = in.readNBytes(data, 0, count);
            if (read > 0) {
                sink.bytes(data, read, nanos);
                total += read;
            }
            if (read < count) {
                return new Result(true, startMillis, total, true);
            }
        }
    }

    /** Reads just the payload of a recording (tests, export). */
    public static byte[] payload(Path file) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        read(file, new Sink() {
            @Override
            public void bytes(byte[] data, int count, long nanos) {
                out.write(data, 0, count);
            }

            @Override
            public void linkLost(long nanos) {
            }

            @Override
            public void linkBack(long nanos) {
            }
        });
        return out.toByteArray();
    }
}
