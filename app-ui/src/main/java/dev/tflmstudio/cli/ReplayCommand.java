package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflmstudio.serial.BoardListener;
import dev.tflmstudio.serial.BoardSession;
import dev.tflmstudio.serial.analysis.AllocationCategory;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.SummaryText;
import dev.tflmstudio.serial.analysis.TickStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tflm-studio replay FILE [--model M] [--json]}: a recorded session (or a text capture) through the parser. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Feed a session recorded by 'attach --record' (or any text capture of a board's serial output)"
                + " through the same parser and print per-op statistics, the measured arena and warnings.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A recording (.rec) or a plain text capture.")
    Path file;

    @Mixin
    BoardOptions board;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.INVALID_INPUT, "no such file: " + file);
        }
        SessionSummary summary = BoardSession.replay(file, board.expectedOps(), board.tickClock(),
                new BoardListener() { });
        print(spec.commandLine().getOut(), summary, json);
        return ExitCode.OK;
    }

    static void print(PrintWriter out, SessionSummary summary, boolean json) throws IOException {
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(mapper, summary)));
        } else {
            out.print(SummaryText.render(summary));
        }
        out.flush();
    }

    static ObjectNode toJson(ObjectMapper mapper, SessionSummary s) {
        ObjectNode root = mapper.createObjectNode();
        root.put("invocations", s.invocations());
        root.put("matchedInvocations", s.matchedInvocations());
        ArrayNode ops = root.putArray("ops");
        for (OpStatistics op : s.ops()) {
            ObjectNode o = ops.addObject();
            o.put("index", op.index());
            o.put("tag", op.tag());
            o.put("count", op.all().count());
            o.put("minTicks", op.all().min());
            o.put("medianTicks", op.all().median());
            o.put("p95Ticks", op.all().p95());
            o.put("maxTicks", op.all().max());
            o.put("firstTicks", op.firstTicks());
            o.put("steadyMedianTicks", op.steady().count() == 0 ? op.all().median() : op.steady().median());
            if (s.clock() != null) {
                o.put("medianMs", s.clock().millis(op.all().median()));
            }
            // False past 1,024 different tick counts: median and p95 then come from a histogram (within 0.1%).
            o.put("exactTicks", op.all().exact() && op.steady().exact());
        }
        TickStats whole = s.invocationTicks();
        ObjectNode invocation = root.putObject("invocationTicks");
        invocation.put("count", whole.count());
        invocation.put("minTicks", whole.min());
        invocation.put("medianTicks", whole.median());
        invocation.put("p95Ticks", whole.p95());
        invocation.put("maxTicks", whole.max());
        invocation.put("exactTicks", whole.exact());
        ObjectNode arena = root.putObject("arena");
        if (s.arena().reported()) {
            arena.put("totalBytes", s.arena().totalBytes());
            arena.put("headBytes", s.arena().headBytes());
            arena.put("tailBytes", s.arena().tailBytes());
            ArrayNode categories = arena.putArray("categories");
            for (AllocationCategory c : s.arena().categories()) {
                ObjectNode n = categories.addObject();
                n.put("name", c.name());
                n.put("usedBytes", c.usedBytes());
                n.put("requestedBytes", c.requestedBytes());
                n.put("count", c.count());
            }
        } else {
            arena.putNull("totalBytes");
            arena.putNull("headBytes");
            arena.putNull("tailBytes");
        }
        if (s.clock() != null) {
            root.put("ticksPerSecond", s.clock().ticksPerSecond());
        }
        s.errors().forEach(root.putArray("errors")::add);
        root.put("errorLines", s.errorLines());
        s.warnings().forEach(root.putArray("warnings")::add);
        return root;
    }
}
