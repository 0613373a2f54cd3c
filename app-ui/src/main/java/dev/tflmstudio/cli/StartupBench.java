package dev.tflmstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --startup}: starts the desktop app in fresh JVMs, as the launcher does (same JVM options, so the
 * launcher's class-data archive too), and reads from each how long after its process started the window's first
 * frame was laid out and the model's graph was laid out. The baseline, run alternately in the same way, is the
 * smallest JavaFX window ({@code dev.tflmstudio.app.StartupProbe}).
 */
final class StartupBench {
    private static final String PROBE_CLASS = "dev.tflmstudio.app.StartupProbe";
    private static final String APP_CLASS = "dev.tflmstudio.app.Main";
    private static final String PREFIX = "tflm-startup ";
    private static final long RUN_TIMEOUT_SECONDS = 120;

    private final int runs;
    private final Path model;

    StartupBench(int runs, Path model) {
        this.runs = runs;
        this.model = model;
    }

    int run(PrintWriter out, boolean json) throws IOException, InterruptedException {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException(ExitCode.USAGE, "bench --startup opens real windows and needs a display"
                    + " (on a headless machine: xvfb-run -a ./tflm-studio bench --startup)");
        }
        List<Long> baseline = new ArrayList<>();
        List<Long> firstFrame = new ArrayList<>();
        List<Long> graph = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            baseline.add(start(PROBE_CLASS, List.of()).get("first-frame"));
            List<String> args = model == null ? List.of() : List.of(model.toString());
            Map<String, Long> app = start(APP_CLASS, args);
            firstFrame.add(app.get("first-frame"));
            graph.add(app.get("graph"));
            if (!json) {
                out.printf(Locale.ROOT, "run %d: baseline %d ms, window %d ms, graph %d ms%n", i + 1,
                        baseline.get(i), firstFrame.get(i), graph.get(i));
                out.flush();
            }
        }
        long base = median(baseline);
        long window = median(firstFrame);
        long laidOut = median(graph);
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode node = mapper.createObjectNode();
            node.put("runs", runs);
            node.put("baselineFirstFrameMsMedian", base);
            node.put("windowFirstFrameMsMedian", window);
            node.put("graphLaidOutMsMedian", laidOut);
            node.put("windowRatioToBaseline", (double) window / base);
            node.put("graphRatioToBaseline", (double) laidOut / base);
            out.println(mapper.writeValueAsString(node));
        } else {
            out.printf(Locale.ROOT, "median of %d, ms from process start:%n", runs);
            out.printf(Locale.ROOT, "  baseline (empty JavaFX window, first frame) %6d%n", base);
            out.printf(Locale.ROOT, "  main window, first frame                    %6d  (%.2fx baseline)%n", window,
                    (double) window / base);
            out.printf(Locale.ROOT, "  model graph laid out                        %6d  (%.2fx baseline)%n", laidOut,
                    (double) laidOut / base);
        }
        return ExitCode.OK;
    }

    /** Starts {@code mainClass} in a new JVM with the probe on and returns the events it reported. */
    private static Map<String, Long> start(String mainClass, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-Dtflm.startupProbe=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Long> events = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith(PREFIX) && line.indexOf('=') > 0) {
                    int eq = line.indexOf('=');
                    events.put(line.substring(PREFIX.length(), eq), Long.parseLong(line.substring(eq + 1).trim()));
                }
            }
        }
        if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new CliException(ExitCode.FAILURE, mainClass + " did not exit within " + RUN_TIMEOUT_SECONDS + " s");
        }
        boolean complete = events.containsKey("first-frame")
                && (mainClass.equals(PROBE_CLASS) || events.containsKey("graph"));
        if (!complete) {
            throw new CliException(ExitCode.FAILURE, mainClass + " exited (code " + p.exitValue()
                    + ") without reporting its start-up; run ./tflm-studio to see why");
        }
        return events;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
