package dev.tflmstudio.app.board;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.analysis.AnalysisListener;
import dev.tflmstudio.serial.analysis.BoardAnalysis;
import dev.tflmstudio.serial.analysis.OpSequence;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.parse.LogStreamParser;
import dev.tflmstudio.serial.port.LinkState;
import dev.tflmstudio.serial.port.PortSettings;
import dev.tflmstudio.serial.port.SerialLink;
import dev.tflmstudio.serial.record.RecordingReader;
import dev.tflmstudio.serial.record.SessionRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Glue from a serial port (or a recording) to the serial bridge's parser and analysis. Everything it reports
 * arrives on the reader thread; the board window marshals to the FX thread.
 */
final class BoardConnection implements AutoCloseable {
    private final LogStreamParser parser;
    private final BoardAnalysis analysis;
    private SerialLink link;
    private volatile SessionRecorder recorder;

    /**
     * @param model    the open model (its op sequence maps board timings to ops), or null
     * @param clock    the board's tick rate, or null when unknown
     * @param listener what the analysis reports
     */
    BoardConnection(Model model, TickClock clock, AnalysisListener listener) {
        this.analysis = new BoardAnalysis(model == null ? null : OpSequence.of(model), clock, listener);
        this.parser = new LogStreamParser(analysis);
    }

    BoardAnalysis analysis() {
        return analysis;
    }

    /** Opens a port; {@code onState} hears every connection change. Throws a one-line error when it cannot. */
    void connect(String path, int baud, BiConsumer<LinkState, String> onState) throws IOException {
        link = SerialLink.open(path, PortSettings.defaults(baud), new SerialLink.Receiver() {
            @Override
            public void bytes(byte[] data, int count, long nanos) {
                feed(data, count, nanos);
                SessionRecorder r = recorder;
                if (r != null) {
                    try {
                        r.data(data, count, nanos);
                    } catch (IOException e) {
                        recorder = null;
                        onState.accept(LinkState.CONNECTED, "recording stopped: " + e.getMessage());
                    }
                }
            }

            @Override
            public void state(LinkState state, String detail, long nanos) {
                if (state == LinkState.DISCONNECTED) {
                    parser.linkLost(nanos);
                }
                onState.accept(state, detail);
            }
        }, true);
        onState.accept(LinkState.CONNECTED, "connected to " + path + " at " + baud + " baud");
    }

    /** Feeds a recording (or any text capture) through the same parser, as if it arrived now. */
    RecordingReader.Result replay(Path file) throws IOException {
        RecordingReader.Result r = RecordingReader.read(file, new RecordingReader.Sink() {
            @Override
            public void bytes(byte[] data, int count, long nanos) {
                feed(data, count, nanos);
            }

            @Override
            public void linkLost(long nanos) {
                parser.linkLost(nanos);
            }

            @Override
            public void linkBack(long nanos) {
            }
        });
        parser.finish(System.nanoTime());
        analysis.endOfStream();
        return r;
    }

    private void feed(byte[] data, int count, long nanos) {
        parser.feed(data, 0, count, nanos);
        analysis.countBytes(count);
    }

    void startRecording(Path file) throws IOException {
        recorder = SessionRecorder.create(file, System.currentTimeMillis());
    }

    void stopRecording() throws IOException {
        SessionRecorder r = recorder;
        recorder = null;
        if (r != null) {
            r.close();
        }
    }

    boolean recording() {
        return recorder != null;
    }

    @Override
    public void close() throws IOException {
        stopRecording();
        if (link != null) {
            link.close();
            link = null;
        }
    }
}
