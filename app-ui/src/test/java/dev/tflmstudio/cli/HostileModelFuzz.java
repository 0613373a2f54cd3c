package dev.tflmstudio.cli;

import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.tflite.ModelReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes mutants of the {@link HostileSeeds} (byte-level: truncations, bit flips, 32-bit words overwritten with
 * offsets and sizes that point anywhere; IR-level: the {@link IrMutation} families, through the project's
 * ModelBuilder), runs {@code inspect}, {@code plan} and {@code run} on each in-process and checks what a user
 * sees: exit 0, 3 or 4; on failure exactly one {@code error:} line, no stack trace, no "internal error"; bounded
 * time and allocation. All choices come from one seed, so a failure is reproduced by its seed and mutant number.
 */
final class HostileModelFuzz {
    /** What a user may see: success, invalid input, valid but cannot run. */
    private static final Set<Integer> ALLOWED_EXITS = Set.of(ExitCode.OK, ExitCode.INVALID_INPUT,
            ExitCode.NOT_RUNNABLE);
    private static final long COMMAND_TIMEOUT_SECONDS = 20;
    /** Per command; the seeds are at most 120 KB and their arenas under 1 MB, so this is far above honest use. */
    private static final long MAX_ALLOCATED_BYTES = 768L << 20;
    private static final int[] INTERESTING = {0, 1, -1, 2, 4, 8, 0x7FFFFFFF, 0x80000000, 0x7FFFFFF0, 0xFFFF, 0x10000,
            0x3FFFFFFF, -4, 1 << 20, 255, 256};

    /** What one run of the fuzz found. */
    static final class Report {
        int mutants;
        int unbuildable;
        int loads;
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Map<String, Integer> families = new TreeMap<>();
        final List<String> violations = new ArrayList<>();
        final Map<String, Integer> violationKinds = new TreeMap<>();
        private int lastInspectExit;
        final Map<String, Long> millis = new TreeMap<>();

        String summary() {
            StringBuilder s = new StringBuilder();
            s.append(mutants).append(" mutants (").append(unbuildable).append(" not writable), ").append(loads)
                    .append(" load (inspect exit 0)\n");
            s.append("families: ").append(families).append('\n');
            s.append("outcomes: ").append(outcomes).append('\n');
            s.append("milliseconds per command: ").append(millis).append('\n');
            s.append("violations: ").append(violations.size()).append(' ').append(violationKinds).append('\n');
            violations.stream().limit(Integer.getInteger("fuzz.show", 40)).forEach(v -> s.append("  ").append(v).append('\n'));
            return s.toString();
        }
    }

    private final long seed;
    private final EnumSet<IrMutation> families;
    private final Path file;
    private final List<HostileSeeds.Seed> seeds;
    private final List<FuzzModel> irs = new ArrayList<>();
    private ExecutorService worker = newWorker();

    /** @param scratch a directory for the mutant file */
    HostileModelFuzz(long seed, Path scratch) {
        this.seed = seed;
        this.families = EnumSet.allOf(IrMutation.class);
        this.file = scratch.resolve("mutant.tflite");
        this.seeds = HostileSeeds.all();
        for (HostileSeeds.Seed s : seeds) {
            FuzzModel ir = null;
            try {
                Model m = ModelReader.read(s.bytes(), s.name());
                ir = FuzzModel.of(m);
                ir.build();
            } catch (Exception e) {
                ir = null; // not writable through ModelBuilder (an op this schema lacks): byte mutations only
            }
            irs.add(ir);
        }
    }

    /** Makes and checks mutants {@code 0..count-1}. */
    Report run(int count) {
        Report report = new Report();
        try {
            // -Dfuzz.from=N starts at mutant N: a reported mutant is made again by its seed and number
            int from = Integer.getInteger("fuzz.from", 0);
            for (int i = from; i < from + count; i++) {
                Random r = new Random(seed * 1_000_003L + i);
                int s = r.nextInt(seeds.size());
                String[] what = new String[1];
                byte[] bytes = mutant(s, r, what, report);
                report.mutants++;
                if (bytes == null) {
                    report.unbuildable++;
                    continue;
                }
                Files.write(file, bytes);
                String id = "mutant " + i + " (seed " + seed + ") of " + seeds.get(s).name() + ": " + what[0];
                int before = report.violations.size();
                check(id, report, i % 8 == 0, i % 4 == 0);
                String keep = System.getProperty("fuzz.keep");
                if (keep != null && report.violations.size() > before) {
                    // -Dfuzz.keep=DIR keeps each reported mutant, to open it in the app or run it by hand
                    Files.createDirectories(Path.of(keep));
                    Files.copy(file, Path.of(keep, "mutant-" + i + "-seed-" + seed + ".tflite"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            worker.shutdownNow();
        }
        return report;
    }

    private byte[] mutant(int s, Random r, String[] what, Report report) {
        FuzzModel ir = irs.get(s);
        if (ir != null && r.nextInt(10) < 7) {
            FuzzModel m = ir.copy();
            List<IrMutation> list = new ArrayList<>(families);
            StringBuilder w = new StringBuilder();
            int n = 1 + (r.nextInt(4) == 0 ? 1 : 0);
            for (int k = 0; k < n; k++) {
                IrMutation f = list.get(r.nextInt(list.size()));
                String d = f.apply(m, r);
                if (d != null) {
                    report.families.merge(f.name(), 1, Integer::sum);
                    w.append(w.length() == 0 ? "" : "; ").append(f).append(' ').append(d);
                }
            }
            what[0] = w.length() == 0 ? "unchanged" : w.toString();
            try {
                return m.build();
            } catch (RuntimeException e) {
                return null; // the writer refuses (an enum name or value it cannot store): no file to test
            }
        }
        byte[] b = seeds.get(s).bytes().clone();
        switch (r.nextInt(3)) {
            case 0 -> {
                int len = r.nextInt(b.length);
                what[0] = "bytes truncated to " + len;
                report.families.merge("BYTES_TRUNCATE", 1, Integer::sum);
                return Arrays.copyOf(b, len);
            }
            case 1 -> {
                int flips = 1 + r.nextInt(8);
                StringBuilder w = new StringBuilder("bits flipped at");
                for (int f = 0; f < flips; f++) {
                    int pos = r.nextInt(b.length);
                    int bit = r.nextInt(8);
                    b[pos] ^= (byte) (1 << bit);
                    w.append(' ').append(pos).append('.').append(bit);
                }
                what[0] = w.toString();
                report.families.merge("BYTES_FLIP", 1, Integer::sum);
                return b;
            }
            default -> {
                // Offsets, vtable entries and vector lengths are 32-bit words on 4-byte boundaries.
                int pos = (r.nextInt(Math.max(1, b.length / 4))) * 4;
                int v = INTERESTING[r.nextInt(INTERESTING.length)];
                for (int k = 0; k < 4 && pos + k < b.length; k++) {
                    b[pos + k] = (byte) (v >>> (8 * k));
                }
                what[0] = "word at " + pos + " -> " + v;
                report.families.merge("BYTES_WORD", 1, Integer::sum);
                return b;
            }
        }
    }

    /**
     * Runs the three commands on the mutant file. When {@code inspect} finds the file invalid, {@code plan} and
     * {@code run} (which read it the same way) run only if {@code always}: one mutant in eight, for the time.
     * {@code inspect} prints text if {@code text} (one in four), else JSON (the same reading, half the time).
     */
    private void check(String id, Report report, boolean always, boolean text) {
        for (String command : List.of("inspect", "plan", "run")) {
            if (!command.equals("inspect") && !always && report.lastInspectExit == ExitCode.INVALID_INPUT) {
                return;
            }
            long t0 = System.nanoTime();
            Result res = execute(command, false, text);
            report.millis.merge(command, (System.nanoTime() - t0) / 1_000_000, Long::sum);
            if (command.equals("inspect")) {
                report.lastInspectExit = res.exit;
            }
            report.outcomes.merge(command + " " + res.exit, 1, Integer::sum);
            if (command.equals("inspect") && res.exit == 0) {
                report.loads++;
            }
            String problem = res.problem();
            if (problem == null) {
                continue;
            }
            String kind = res.timedOut ? "timeout" : res.allocated > MAX_ALLOCATED_BYTES ? "allocated"
                    : kernelCrashKind(res.err) != null ? kernelCrashKind(res.err)
                    : crashKind(execute(command, true, text).err);
            report.violations.add(command + " " + id + ": " + problem + " [" + kind + "]");
            report.violationKinds.merge(kind, 1, Integer::sum);
            return; // one broken command per mutant is enough to report
        }
    }

    private static final java.util.regex.Pattern KERNEL_CRASH = java.util.regex.Pattern.compile(
            "error: op \\d+ (\\S+): internal error in (prepare|eval)[^:]*: (?:[\\w.]+\\.)?(\\w+)");

    /**
     * An exception a kernel let escape (the interpreter reports it as "internal error in prepare/eval"), as
     * {@code kernel CONV_2D prepare ArrayIndexOutOfBoundsException}; null for other failures.
     */
    static String kernelCrashKind(String err) {
        java.util.regex.Matcher m = KERNEL_CRASH.matcher(err);
        return m.find() ? "kernel " + m.group(1) + " " + m.group(2) + " " + m.group(3) : null;
    }

    /**
     * The exception class and the first frame of the project's code in a {@code --debug} stack trace, e.g.
     * {@code ArrayIndexOutOfBoundsException at dev.tflmstudio.runtime.kernels.core.Conv2D.prepare in runtime.kernels}.
     */
    static String crashKind(String debugErr) {
        String[] lines = debugErr.split("\n");
        String exception = "?";
        String frame = "?";
        for (String line : lines) {
            String l = line.strip();
            if (exception.equals("?") && l.startsWith("error: internal error: ")) {
                String e = l.substring("error: internal error: ".length());
                int colon = e.indexOf(':');
                e = colon > 0 ? e.substring(0, colon) : e;
                exception = e.substring(e.lastIndexOf('.') + 1);
            }
            if (l.startsWith("at dev.tflmstudio.")) {
                frame = l.substring(3);
                break;
            }
        }
        String area = frame.startsWith("dev.tflmstudio.") ? frame.substring("dev.tflmstudio.".length()) : frame;
        String[] parts = area.split("\\.");
        String pkg = parts.length > 2 ? parts[0] + "." + parts[1] : area;
        return exception + " at " + frame + " in " + pkg;
    }

    private record Result(int exit, String err, boolean timedOut, long allocated) {
        /** What breaks the contract, or null. */
        String problem() {
            if (timedOut) {
                return "no answer in " + COMMAND_TIMEOUT_SECONDS + " s";
            }
            if (allocated > MAX_ALLOCATED_BYTES) {
                return "allocated " + (allocated >> 20) + " MB";
            }
            if (!ALLOWED_EXITS.contains(exit)) {
                return "exit " + exit + ": " + firstLine(err);
            }
            if (err.contains("internal error") || err.contains("\tat ") || err.contains("Exception in")) {
                return "crash: " + firstLine(err);
            }
            if (exit != 0) {
                long errorLines = err.lines().filter(l -> l.startsWith("error:")).count();
                if (errorLines != 1) {
                    return errorLines + " error: lines: " + firstLine(err);
                }
            }
            return null;
        }

        private static String firstLine(String s) {
            return s.lines().filter(l -> l.startsWith("error:")).findFirst().orElse(s.strip());
        }
    }

    private Result execute(String command, boolean debug, boolean text) {
        List<String> args = new ArrayList<>();
        if (debug) {
            args.add("--debug");
        }
        args.add(command);
        if (command.equals("inspect") && !text) {
            args.add("--json");
        }
        args.add(file.toString());
        Future<Result> f = worker.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            StringWriter err = new StringWriter();
            // stdout is not judged: kept in memory, a large output's text counted as the command's own allocation
            int code = TflmStudioCommand.execute(args.toArray(String[]::new),
                    new PrintWriter(java.io.Writer.nullWriter()), new PrintWriter(err));
            return new Result(code, err.toString(), false, mx.getThreadAllocatedBytes(tid) - before);
        });
        try {
            return f.get(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            abandonWorker();
            return new Result(-1, "", true, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return new Result(-1, "error: internal error: " + e.getCause(), false, 0);
        }
    }

    /** A command that never returns keeps its thread: a new one runs the next, the stuck one is stopped. */
    @SuppressWarnings({"deprecation", "removal"})
    private void abandonWorker() {
        worker.shutdownNow();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("hostile-model-fuzz")) {
                t.stop(); // Java 17 still stops a thread; a hung WHILE loop would burn a core for the rest
            }
        }
        worker = newWorker();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hostile-model-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * More mutants than CI runs: {@code main [count [seed]]}, e.g. {@code 100000 7} (see README).
     */
    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path dir = Files.createTempDirectory("hostile-model-fuzz");
        try {
            Report r = new HostileModelFuzz(seed, dir).run(count);
            System.out.print(r.summary());
            System.exit(r.violations.isEmpty() ? 0 : 1);
        } finally {
            Files.deleteIfExists(dir.resolve("mutant.tflite"));
            Files.deleteIfExists(dir);
        }
    }
}
