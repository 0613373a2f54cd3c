package dev.tflmstudio.runtime.fidelity;

import dev.tflmstudio.runtime.input.PatternInput;
import dev.tflmstudio.runtime.interpreter.Session;
import dev.tflmstudio.runtime.kernels.KernelException;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.model.ModelFormatException;
import dev.tflmstudio.runtime.model.Subgraph;
import dev.tflmstudio.runtime.plan.ArenaEstimate;
import dev.tflmstudio.runtime.plan.ArenaEstimator;
import dev.tflmstudio.runtime.plan.Planners;
import dev.tflmstudio.runtime.plan.Target;
import dev.tflmstudio.runtime.ref.RefRun;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares our runtime and planner with one TFLM report for the same model: refusal or not, at which stage and op,
 * with TFLM's words; the arena head and the allocation log the planner predicts; every op's output checksum and
 * every model output. Returns the first difference, or null when everything matches.
 */
final class Differential {
    private static final Pattern NODE_FAILED = Pattern.compile("Node (\\S+) \\(number (\\d+)\\) failed to (\\w+)");
    private static final Pattern DYNAMIC = Pattern.compile("^Op#(\\d+) \\((\\S+)\\) of subgraph \\d+ has dynamic tensor");
    private static final Pattern SOURCE_PREFIX = Pattern.compile("^tensorflow/\\S+?(:\\d+)? ");

    /** The kinds of result, for the summary. */
    enum Outcome { RAN, REFUSED, TFLM_CRASHED, MISMATCH }

    record Result(Outcome outcome, String difference) {
    }

    private Differential() {
    }

    static Result compare(Path modelFile, List<String> report) {
        if (report.stream().anyMatch(l -> l.startsWith("tflm_ref crashed") || l.startsWith("tflm_ref timed out"))) {
            // nothing to compare with, but our runtime must still answer: run it or refuse it, never fail inside
            String thrown = runsOrRefuses(modelFile);
            return thrown == null ? new Result(Outcome.TFLM_CRASHED, null)
                    : mismatch("TFLM crashed; our runtime threw " + thrown);
        }
        RefRun ref = RefRun.parse(modelFile, report);
        String reason = tflmReason(report);
        Model model;
        try {
            model = ModelReader.open(modelFile);
        } catch (ModelFormatException | java.io.IOException e) {
            return mismatch("our reader refused the model: " + e.getMessage()
                    + (ref.exitCode() == 0 ? " (TFLM ran it)" : " (TFLM: " + reason + ")"));
        }
        Subgraph main = model.main();
        Session session;
        try {
            session = Session.allocate(model);
        } catch (KernelException e) {
            if (ref.failStage() == null) {
                return mismatch("we refused at " + e.stage() + " (" + e.getMessage() + "), TFLM ran it");
            }
            return sameRefusal(e, ref, report, reason);
        } catch (RuntimeException e) {
            return mismatch("our prepare threw " + e + (ref.failStage() == null ? " (TFLM ran it)"
                    : " (TFLM refused: " + reason + ")"));
        }
        if (ref.failStage() == KernelException.Stage.REGISTRATION || ref.failStage() == KernelException.Stage.PREPARE) {
            return mismatch("TFLM refused at " + ref.failStage() + " (" + reason + "), we allocated it");
        }
        if (ref.headBytes() >= 0 && session.layout().headBytes() != ref.headBytes()) {
            return mismatch("arena head " + session.layout().headBytes() + " B, TFLM " + ref.headBytes() + " B");
        }
        String plan = comparePlan(model, report, ref);
        if (plan != null) {
            return mismatch(plan);
        }
        for (int i = 0; i < main.inputs().size(); i++) {
            session.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
        }
        for (int op = 0; op < session.opCount(); op++) {
            try {
                session.step();
            } catch (KernelException e) {
                if (ref.failStage() != KernelException.Stage.INVOKE) {
                    return mismatch("op " + op + " failed at invoke (" + e.getMessage() + "), TFLM ran it");
                }
                return sameRefusal(e, ref, report, reason);
            } catch (RuntimeException e) {
                return mismatch("op " + op + " threw " + e + (ref.failStage() == null ? " (TFLM ran it)"
                        : " (TFLM refused: " + reason + ")"));
            }
            if (ref.failStage() == KernelException.Stage.INVOKE && failingOp(report) == op) {
                // TFLM still prints the failed op's (unwritten) outputs: its refusal is the difference
                return mismatch("TFLM refused op " + op + " at invoke (" + reason + "), we ran it");
            }
            for (RefRun.OpChecksum c : ref.checksums()) {
                if (c.afterOp() == op && c.fnv1a32() != null) {
                    int ours = session.fnv1a32(c.tensor());
                    if (ours != c.fnv1a32()) {
                        return mismatch(String.format("op %d %s output %d (tensor %d %s%s): fnv1a32 0x%08x, TFLM 0x%08x",
                                op, c.op(), c.outIndex(), c.tensor(), c.type(), c.shape(), ours, c.fnv1a32()));
                    }
                }
            }
        }
        if (ref.failStage() == KernelException.Stage.INVOKE) {
            return mismatch("TFLM refused at invoke (" + reason + "), we ran it");
        }
        for (RefRun.Output out : ref.outputs()) {
            if (session.fnv1a32(out.tensor()) != out.fnv1a32()) {
                return mismatch("output " + out.index() + " checksum differs");
            }
        }
        return new Result(Outcome.RAN, null);
    }

    /** Null when our runtime runs the model or refuses it cleanly, else what it threw. */
    private static String runsOrRefuses(Path modelFile) {
        String ours = ourRun(modelFile);
        // a clean refusal (the graph check's included: it refuses what TFLM reads unchecked)
        return ours == null || ours.startsWith("refused: ") ? null : ours;
    }

    /** Null when our runtime runs the model, "refused: ..." for a clean refusal, "threw ..." otherwise. */
    static String ourRun(Path modelFile) {
        try {
            Model model = ModelReader.open(modelFile);
            Session session = Session.allocate(model);
            Subgraph main = model.main();
            for (int i = 0; i < main.inputs().size(); i++) {
                session.setInput(i, PatternInput.bytesFor(main.tensor(main.inputs().get(i))));
            }
            session.run();
            return null;
        } catch (KernelException | ModelFormatException | java.io.IOException
                 | dev.tflmstudio.runtime.check.InvalidGraphException e) {
            return "refused: " + e.getMessage();
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    /** The plan command's view: TFLM's planner on host64 and the allocator's log lines. */
    private static String comparePlan(Model model, List<String> report, RefRun ref) {
        List<String> allocations = report.stream().filter(l -> l.startsWith("[RecordingMicroAllocator]")).toList();
        if (allocations.isEmpty()) {
            return null;
        }
        ArenaEstimate estimate = ArenaEstimator.estimate(model, Planners.plan(model, "tflm", Target.HOST64));
        if (estimate.headBytes() != ref.headBytes()) {
            return "plan head " + estimate.headBytes() + " B, TFLM " + ref.headBytes() + " B";
        }
        if (!estimate.logLines().equals(allocations)) {
            for (int i = 0; i < Math.max(estimate.logLines().size(), allocations.size()); i++) {
                String ours = i < estimate.logLines().size() ? estimate.logLines().get(i) : "(none)";
                String theirs = i < allocations.size() ? allocations.get(i) : "(none)";
                if (!ours.equals(theirs)) {
                    return "arena prediction: ours '" + ours + "', TFLM '" + theirs + "'";
                }
            }
        }
        return null;
    }

    private static Result sameRefusal(KernelException e, RefRun ref, List<String> report, String reason) {
        if (e.stage() != ref.failStage()) {
            return mismatch("we refused at " + e.stage() + " (" + e.getMessage() + "), TFLM at " + ref.failStage()
                    + " (" + reason + ")");
        }
        int tflmOp = failingOp(report);
        if (tflmOp >= 0 && tflmOp != e.opIndex()) {
            return mismatch("we refused op " + e.opIndex() + ", TFLM op " + tflmOp);
        }
        String ours = e.getMessage().substring(("op " + e.opIndex() + " " + e.opName() + ": ").length());
        if (reason != null && !sameWords(ours, reason)) {
            return mismatch("refusal words: ours '" + ours + "', TFLM '" + reason + "'");
        }
        return new Result(Outcome.REFUSED, null);
    }

    /**
     * The same refusal words; where TFLM printed doubles with {@code %d} (TF_LITE_ENSURE_EQ on static_cast<double>),
     * its numbers are whatever the registers held, so only the expression must match; the same for FILL's type
     * refusal, which prints a float with {@code %d}.
     */
    static boolean sameWords(String ours, String tflm) {
        if (ours.equals(tflm)) {
            return true;
        }
        int paren = tflm.lastIndexOf(" (");
        if (paren > 0 && tflm.contains("static_cast<double>") && ours.startsWith(tflm.substring(0, paren + 2))) {
            return true;
        }
        // FILL's Eval prints a float with %d: the number is garbage
        String fill = "Fill only currently supports float32 for input 1, got ";
        return tflm.startsWith(fill) && ours.startsWith(fill);
    }

    private static Result mismatch(String what) {
        return new Result(Outcome.MISMATCH, what);
    }

    private static int failingOp(List<String> report) {
        for (String l : report) {
            Matcher m = NODE_FAILED.matcher(l);
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
            Matcher d = DYNAMIC.matcher(l);
            if (d.find()) {
                return Integer.parseInt(d.group(1));
            }
        }
        return -1;
    }

    /** TFLM's reason for a refusal: the line it printed before "Node ... failed to ...", without its source path. */
    static String tflmReason(List<String> report) {
        for (int i = 0; i < report.size(); i++) {
            String l = report.get(i);
            if (l.startsWith("Didn't find op for builtin opcode")) {
                return l;
            }
            if (DYNAMIC.matcher(l).find()) {
                return l + (i + 1 < report.size() ? " " + report.get(i + 1) : "");
            }
            if (NODE_FAILED.matcher(l).find()) {
                String before = i > 0 ? report.get(i - 1) : "";
                // some kernels fail without a word: then only the stage and the op are compared
                return before.startsWith("===") || before.startsWith("after_op") || before.startsWith("---")
                        ? null : SOURCE_PREFIX.matcher(before).replaceFirst("");
            }
        }
        return null;
    }
}
