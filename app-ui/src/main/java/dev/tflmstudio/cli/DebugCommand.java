package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import dev.tflmstudio.serial.probe.ArenaProof;
import dev.tflmstudio.serial.probe.BoardDebugger;
import dev.tflmstudio.serial.probe.OpComparison;
import dev.tflmstudio.serial.probe.ProbeException;
import dev.tflmstudio.serial.probe.ProbeTarget;
import dev.tflmstudio.serial.probe.TensorComparison;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tflm-studio debug --gdb HOST:PORT --elf FIRMWARE.elf --model MODEL.tflite}: one invoke on a board through
 * its debug probe, every op's outputs read from the board's RAM and compared with the local runtime.
 */
@Command(name = "debug", mixinStandardHelpOptions = true,
        description = "Debug a board running stock TFLM through its debug probe's GDB server (OpenOCD, pyOCD,"
                + " J-Link GDB Server, ST-LINK gdbserver, probe-rs, QEMU): prove the arena holds the model as"
                + " planned, then run one invoke op by op, read each op's outputs from the board's RAM and compare"
                + " them with the local runtime on the same input. Exit 0 when the proof holds (whatever the"
                + " comparison), 3 bad input (stripped ELF, no arena, another model flashed), 4 cannot run (no GDB,"
                + " server unreachable, link dropped).")
public final class DebugCommand implements Callable<Integer> {
    private static final Pattern SERVER = Pattern.compile("[^:\\s]+:\\d{1,5}");

    @Option(names = "--gdb", paramLabel = "HOST:PORT", required = true,
            description = "The GDB server (e.g. localhost:3333 for OpenOCD/pyOCD, localhost:2331 for J-Link).")
    String server;

    @Option(names = "--elf", paramLabel = "FIRMWARE.elf", required = true,
            description = "The firmware the board runs, with symbols.")
    Path elf;

    @Option(names = "--model", paramLabel = "MODEL.tflite", required = true,
            description = "The model the firmware runs.")
    Path modelPath;

    @Option(names = "--arena-symbol", paramLabel = "NAME",
            description = "The tensor arena's symbol (default: tensor_arena, g_arena or a large *arena* object).")
    String arenaSymbol;

    @Option(names = "--gdb-path", paramLabel = "PATH",
            description = "The GDB to run (default gdb-multiarch; arm-none-eabi-gdb works too).")
    String gdbPath;

    @Option(names = "--until", paramLabel = "OP", description = "Stop before op OP instead of at the end.")
    Integer until;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!SERVER.matcher(server).matches()) {
            throw new CliException(ExitCode.USAGE, "--gdb needs HOST:PORT (e.g. localhost:3333), got '" + server
                    + "'");
        }
        Model model = ModelReader.open(modelPath);
        dev.tflmstudio.runtime.check.GraphCheck.verify(model);
        if (until != null && (until < 0 || until > model.main().operators().size())) {
            throw new CliException(ExitCode.USAGE, "--until must be an op index 0.." + model.main().operators().size()
                    + ", got " + until);
        }
        ProbeTarget target = new ProbeTarget(server, elf, arenaSymbol, gdbPath);
        try (BoardDebugger board = BoardDebugger.attach(target, model, n -> { })) {
            if (!json) {
                ArenaProof a = board.arena();
                out.printf(Locale.ROOT, "arena %s at 0x%08x: %s (%s)%n", a.symbol(), a.address(),
                        a.proven() ? "proven" : "not proven", a.reason());
                out.flush();
            }
            int stop = until == null ? board.opCount() : until;
            List<OpComparison> ops = board.runTo(stop);
            if (!json) {
                for (OpComparison op : ops) {
                    printOp(out, op);
                }
            }
            Optional<OpComparison> first = board.firstDivergence();
            if (json) {
                out.println(toJson(board.arena(), ops, first));
            } else {
                out.println(summary(ops, first, stop, board.opCount()));
            }
            out.flush();
            return ExitCode.OK;
        } catch (ProbeException e) {
            err.flush();
            throw new CliException(e.kind() == ProbeException.Kind.INPUT ? ExitCode.INVALID_INPUT
                    : ExitCode.NOT_RUNNABLE, e.getMessage());
        }
    }

    private static void printOp(PrintWriter out, OpComparison op) {
        for (TensorComparison t : op.outputs()) {
            out.printf(Locale.ROOT, "op %3d %-22s %s tensor %3d  board %s  local %s  max error %s%n", op.index(),
                    op.opcode(), t.equal() ? "=" : "≠", t.tensor(), hex(t.boardFnv1a32()), hex(t.localFnv1a32()),
                    number(t.maxAbsError()));
        }
    }

    private static String summary(List<OpComparison> ops, Optional<OpComparison> first, int stop, int opCount) {
        String where = stop == opCount ? "" : String.format(Locale.ROOT, " (stopped before op %d)", stop);
        if (first.isEmpty()) {
            return String.format(Locale.ROOT, "%d ops run on the board, every output equals the local runtime%s",
                    ops.size(), where);
        }
        OpComparison op = first.get();
        TensorComparison t = op.outputs().stream().filter(o -> !o.equal()).findFirst().orElseThrow();
        return String.format(Locale.ROOT, "first divergence: op %d %s, tensor %d, max error %s (%d of %d ops"
                        + " differ)%s", op.index(), op.opcode(), t.tensor(), number(t.maxAbsError()),
                ops.stream().filter(o -> !o.equal()).count(), ops.size(), where);
    }

    private static String toJson(ArenaProof a, List<OpComparison> ops, Optional<OpComparison> first)
            throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ObjectNode arena = root.putObject("arena");
        arena.put("symbol", a.symbol());
        arena.put("address", String.format(Locale.ROOT, "0x%08x", a.address()));
        arena.put("proven", a.proven());
        arena.put("reason", a.reason());
        ArrayNode list = root.putArray("ops");
        for (OpComparison op : ops) {
            ObjectNode o = list.addObject();
            o.put("index", op.index());
            o.put("opcode", op.opcode());
            ArrayNode outs = o.putArray("outputs");
            for (TensorComparison t : op.outputs()) {
                ObjectNode n = outs.addObject();
                n.put("tensor", t.tensor());
                n.put("boardFnv1a32", hex(t.boardFnv1a32()));
                n.put("localFnv1a32", hex(t.localFnv1a32()));
                n.put("equal", t.equal());
                n.put("maxAbsError", t.maxAbsError());
            }
        }
        if (first.isEmpty()) {
            root.putNull("firstDivergence");
        } else {
            OpComparison op = first.get();
            TensorComparison t = op.outputs().stream().filter(o -> !o.equal()).findFirst().orElseThrow();
            ObjectNode d = root.putObject("firstDivergence");
            d.put("index", op.index());
            d.put("opcode", op.opcode());
            d.put("tensor", t.tensor());
            d.put("maxAbsError", t.maxAbsError());
        }
        return mapper.writeValueAsString(root);
    }

    private static String hex(int fnv) {
        return String.format(Locale.ROOT, "0x%08x", fnv);
    }

    private static String number(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }
}
