package dev.tflmstudio.serial.probe;

import dev.tflmstudio.serial.probe.mi.GdbMi;
import dev.tflmstudio.serial.probe.mi.MiRecord;
import dev.tflmstudio.serial.probe.mi.MiValue;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The board through GDB: connect to a GDB server, read and write memory in chunks (counting bytes), hardware
 * breakpoints, continue to the next stop, and leave the board running on close.
 */
final class ProbeLink implements AutoCloseable {
    /** Every MI command but a continue gets this long. */
    static final Duration COMMAND = Duration.ofSeconds(10);
    /** How long a continue may run before the next breakpoint (one op, or the firmware's pause between invokes). */
    static final Duration RUN = Duration.ofSeconds(30);
    private static final int CHUNK = 16 * 1024;

    private final GdbMi gdb;
    private final LongConsumer progress;
    private volatile long bytesRead;

    private ProbeLink(GdbMi gdb, LongConsumer progress) {
        this.gdb = gdb;
        this.progress = progress;
    }

    /** Starts GDB on the firmware and connects it to {@code server} ({@code target extended-remote}). */
    static ProbeLink connect(String gdbPath, String server, java.nio.file.Path elf, LongConsumer progress)
            throws ProbeException {
        GdbMi gdb = GdbMi.start(gdbPath, List.of());
        ProbeLink link = new ProbeLink(gdb, progress);
        try {
            gdb.command("-gdb-set mi-async on", COMMAND);
            gdb.command("-gdb-set confirm off", COMMAND);
            // A refused connection is an answer: do not retry it for connect-timeout (15 s).
            gdb.command("-gdb-set tcp auto-retry off", COMMAND);
            gdb.command("-gdb-set tcp connect-timeout 5", COMMAND);
            gdb.command("-file-exec-and-symbols " + quote(elf.toAbsolutePath().toString()), COMMAND);
            try {
                gdb.command("-target-select extended-remote " + server, COMMAND);
            } catch (ProbeException e) {
                throw new ProbeException(ProbeException.Kind.LINK, "cannot reach the GDB server " + server + ": "
                        + e.getMessage());
            }
            // Connecting halts the core; make sure it is stopped (a server may connect to a running core).
            if (gdb.running()) {
                link.interrupt();
            }
            gdb.clearStops();
            return link;
        } catch (ProbeException e) {
            gdb.close();
            throw e;
        }
    }

    /** Reads {@code length} bytes at {@code address}. */
    byte[] read(long address, int length) throws ProbeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int done = 0; done < length; ) {
            int n = Math.min(CHUNK, length - done);
            MiRecord r = gdb.command("-data-read-memory-bytes " + hex(address + done) + " " + n, COMMAND);
            byte[] chunk = contents(r, n, address + done);
            out.writeBytes(chunk);
            done += n;
            bytesRead += n;
            progress.accept(bytesRead);
        }
        return out.toByteArray();
    }

    private static byte[] contents(MiRecord r, int n, long address) throws ProbeException {
        if (r.results().get("memory").orElse(null) instanceof MiValue.Items items && !items.items().isEmpty()
                && items.items().get(0) instanceof MiValue.Tuple block && block.text("contents") != null) {
            byte[] bytes = HexFormat.of().parseHex(block.text("contents"));
            if (bytes.length == n) {
                return bytes;
            }
        }
        throw new ProbeException(ProbeException.Kind.LINK, "the board did not give " + n + " bytes at "
                + hex(address));
    }

    /** Writes bytes at {@code address} (for fault injection and tests). */
    void write(long address, byte[] bytes) throws ProbeException {
        gdb.command("-data-write-memory-bytes " + hex(address) + " " + HexFormat.of().formatHex(bytes), COMMAND);
    }

    /** Reads one little-endian 32-bit word. */
    long word(long address) throws ProbeException {
        byte[] b = read(address, 4);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
    }

    /** A hardware breakpoint on a function (or {@code *ADDRESS}); returns GDB's number for it. */
    int hbreak(String location) throws ProbeException {
        MiRecord r = gdb.command("-break-insert -h " + quote(location), COMMAND);
        if (r.results().get("bkpt").orElse(null) instanceof MiValue.Tuple b && b.text("number") != null) {
            return Integer.parseInt(b.text("number"));
        }
        throw new ProbeException(ProbeException.Kind.LINK, "GDB set no breakpoint on " + location);
    }

    void delete(int breakpoint) throws ProbeException {
        gdb.command("-break-delete " + breakpoint, COMMAND);
    }

    /**
     * Continues and waits for the next breakpoint; returns its number. The program ending or the link dropping
     * throws (LINK). An interrupt of the calling thread is kept for the caller (see GdbMi).
     */
    int continueToBreakpoint() throws ProbeException {
        gdb.clearStops();
        gdb.command("-exec-continue", COMMAND);
        MiRecord stop = gdb.awaitStop(RUN);
        if (stop.klass().equals(GdbMi.LINK_LOST)) {
            throw new ProbeException(ProbeException.Kind.LINK, "the link to the board dropped" + gdb.lastLog());
        }
        String reason = stop.text("reason");
        if ("breakpoint-hit".equals(reason) && stop.text("bkptno") != null) {
            return Integer.parseInt(stop.text("bkptno"));
        }
        if (reason != null && reason.startsWith("exited")) {
            throw new ProbeException(ProbeException.Kind.LINK, "the program on the board ended");
        }
        throw new ProbeException(ProbeException.Kind.LINK, "the board stopped for another reason: "
                + (reason == null ? "unknown" : reason) + gdb.lastLog());
    }

    /** Halts a running core and waits for it to stop. */
    void interrupt() throws ProbeException {
        gdb.command("-exec-interrupt", COMMAND);
        gdb.awaitStop(COMMAND);
    }

    long bytesRead() {
        return bytesRead;
    }

    boolean ended() {
        return gdb.ended();
    }

    /** Deletes every breakpoint, resumes the core and detaches; ends GDB. Never throws. */
    @Override
    public void close() {
        if (!gdb.ended()) {
            try {
                if (gdb.running()) {
                    interrupt();
                }
                gdb.command("-break-delete", COMMAND);
            } catch (ProbeException e) {
                // Go on: detaching matters most.
            }
            try {
                // Detaching resumes the core (QEMU, OpenOCD, pyOCD, J-Link and probe-rs all do).
                gdb.command("-target-detach", COMMAND);
            } catch (ProbeException e) {
                // The link is gone.
            }
        }
        gdb.close();
    }

    static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
