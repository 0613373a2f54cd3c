package dev.tflmstudio.serial;

import dev.tflmstudio.serial.analysis.BoardAnalysis;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.parse.LogStreamParser;
import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import dev.tflmstudio.serial.record.RecordingReader;
import dev.tflmstudio.serial.record.SessionRecorder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A board attached over a serial port, or a recording replayed: bytes → recording → {@link LogStreamParser} →
 * {@link BoardAnalysis} → listener. The one entry point the CLI and the app use.
 *
 * <h2>Listener API</h2>
 * <pre>{@code
 * BoardSession session = BoardSession.attach("/dev/ttyACM0", PortSettings.defaults(115200),
 *         OpSequence.of(model), new TickClock(64_000_000, "nano-33-ble"), Path.of("run.rec"),
 *         new BoardListener() {
 *             public void invocation(Invocation inv) { Platform.runLater(() -> table.add(inv)); }
 *             public void arena(MeasuredArena a)     { Platform.runLater(() -> arenaView.show(a)); }
 *             public void linkState(LinkState s, String why) { Platform.runLater(() -> status.set(why)); }
 *         });
 * ...
 * SessionSummary s = session.summary();   // any thread, any time: statistics so far
 * session.close();
 * }</pre>
 * {@link #attach} returns as soon as the port is open; reading, recording, parsing and every listener call happen on
 * the session's daemon reader thread, so the caller never blocks on the port. Listener methods: {@code line} (every
 * line, for a raw console), {@code invocation}, {@code arena}, {@code memoryPlan}, {@code warning} (first of each
 * kind), {@code linkState}, {@code recordingFailed}. When the port disappears the session reports
 * {@link LinkState#DISCONNECTED}, keeps its statistics and its recording, and resumes when the same path comes back.
 */
public final class BoardSession implements AutoCloseable {
    private final SerialLink link;
    private final Pipeline pipeline;
    private boolean closed;

    private BoardSession(SerialLink link, Pipeline pipeline) {
        this.link = link;
        this.pipeline = pipeline;
    }

    /**
     * Opens {@code portPath} and starts reading.
     *
     * @param expected the model's op sequence, or null to take the first invocation as the reference
     * @param clock    the board's tick clock, or null
     * @param record   where to record the session, or null
     * @throws IOException when the port cannot be opened or the recording cannot be created
     */
    public static BoardSession attach(String portPath, PortSettings settings, OpSequence expected, TickClock clock,
                                      Path record, BoardListener listener) throws IOException {
        SessionRecorder recorder = record == null ? null : SessionRecorder.create(record, System.currentTimeMillis());
        Pipeline pipeline = new Pipeline(expected, clock, recorder, listener);
        try {
            SerialLink link = SerialLink.open(portPath, settings, pipeline, true);
            return new BoardSession(link, pipeline);
        } catch (IOException | RuntimeException e) {
            if (recorder != null) {
                recorder.close();
            }
            throw e;
        }
    }

    /**
     * Feeds a recording (or a plain text capture) through the same pipeline, on the calling thread, and returns the
     * final summary.
     */
    public static SessionSummary replay(Path file, OpSequence expected, TickClock clock, BoardListener listener)
            throws IOException {
        Pipeline pipeline = new Pipeline(expected, clock, null, listener);
        RecordingReader.Result result = RecordingReader.read(file, new RecordingReader.Sink() {
            @Override
            public void bytes(byte[] data, int count, long nanos) {
                pipeline.bytes(data, count, nanos);
            }

            @Override
            public void linkLost(long nanos) {
                pipeline.state(LinkState.DISCONNECTED, "the recorded link was lost", nanos);
            }

            @Override
            public void linkBack(long nanos) {
                pipeline.state(LinkState.CONNECTED, "the recorded link came back", nanos);
            }
        });
        if (result.truncatedTail()) {
            listener.warning("the recording ends in the middle of a record (the recording app stopped abruptly);"
                    + " everything before it was replayed");
        }
        pipeline.end(Long.MAX_VALUE);
        return pipeline.analysis.summary();
    }

    public LinkState state() {
        return link.state();
    }

    public String portPath() {
        return link.path();
    }

    /** Bytes received so far; cheap, callable from any thread. */
    public long bytesReceived() {
        return pipeline.analysis.bytes();
    }

    /** The statistics so far; callable from any thread. */
    public SessionSummary summary() {
        return pipeline.analysis.summary();
    }

    /** Stops reading, completes a pending invocation, and closes the port and the recording. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        link.close();
        pipeline.end(link.nanos());
        if (pipeline.recorder != null) {
            pipeline.recorder.close();
        }
    }

    /** The chain every byte goes through; runs on the reader thread. */
    private static final class Pipeline implements SerialLink.Receiver {
        final BoardAnalysis analysis;
        final LogStreamParser parser;
        final SessionRecorder recorder;
        final BoardListener listener;
        private boolean recording;

        Pipeline(OpSequence expected, TickClock clock, SessionRecorder recorder, BoardListener listener) {
            this.analysis = new BoardAnalysis(expected, clock, listener);
            this.parser = new LogStreamParser(analysis);
            this.recorder = recorder;
            this.listener = listener;
            this.recording = recorder != null;
        }

        @Override
        public void bytes(byte[] data, int count, long nanos) {
            if (recording) {
                try {
                    recorder.data(data, count, nanos);
                } catch (IOException e) {
                    recordingFailed(e);
                }
            }
            analysis.countBytes(count);
            parser.feed(data, 0, count, nanos);
        }

        @Override
        public void state(LinkState state, String detail, long nanos) {
            if (state == LinkState.DISCONNECTED) {
                parser.linkLost(nanos);
                analysis.endOfStream();
            }
            if (recording && state != LinkState.CLOSED) {
                try {
                    if (state == LinkState.DISCONNECTED) {
                        recorder.linkLost(nanos);
                    } else {
                        recorder.linkBack(nanos);
                    }
                } catch (IOException e) {
                    recordingFailed(e);
                }
            }
            listener.linkState(state, detail);
        }

        synchronized void end(long nanos) {
            parser.finish(nanos);
            analysis.endOfStream();
        }

        private void recordingFailed(IOException e) {
            recording = false;
            listener.recordingFailed("recording to " + recorder.file() + " stopped: " + e.getMessage());
        }
    }
}
