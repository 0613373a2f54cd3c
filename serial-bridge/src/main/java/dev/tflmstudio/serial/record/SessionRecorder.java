package dev.tflmstudio.serial.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a session as it arrives ({@link RecordingFormat}). Every read is handed to the operating system before
 * {@link #data} returns (one unbuffered write per read), so a crash of the app or an unplugged board loses nothing
 * already received. Not thread-safe: the reader thread writes.
 */
public final class SessionRecorder implements AutoCloseable {
    private final FileChannel channel;
    private final Path file;
    private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024 + RecordingFormat.RECORD_HEADER_BYTES);
    private long dataBytes;

    private SessionRecorder(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates (or replaces) {@code file} and writes the header. */
    public static SessionRecorder create(Path file, long startEpochMillis) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        SessionRecorder recorder = new SessionRecorder(file, channel);
        ByteBuffer header = ByteBuffer.allocate(RecordingFormat.HEADER_BYTES);
        header.put(RecordingFormat.MAGIC).putLong(startEpochMillis).flip();
        recorder.writeFully(header);
        return recorder;
    }

    public Path file() {
        return file;
    }

    /** Payload bytes recorded so far. */
    public long dataBytes() {
        return dataBytes;
    }

    public void data(byte[] data, int count, long nanos) throws IOException {
        if (buffer.capacity() < count + RecordingFormat.RECORD_HEADER_BYTES) {
            buffer = ByteBuffer.allocate(count + RecordingFormat.RECORD_HEADER_BYTES);
        }
        buffer.clear();
        buffer.putLong(nanos).putInt(count).put(data, 0, count).flip();
        writeFully(buffer);
        dataBytes += count;
    }

    public void linkLost(long nanos) throws IOException {
        marker(nanos, RecordingFormat.LINK_LOST);
    }

    public void linkBack(long nanos) throws IOException {
        marker(nanos, RecordingFormat.LINK_BACK);
    }

    private void marker(long nanos, int kind) throws IOException {
        buffer.clear();
        buffer.putLong(nanos).putInt(kind).flip();
        writeFully(buffer);
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Forces the file to the disk and closes it. */
    @Override
    public void close() throws IOException {
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
