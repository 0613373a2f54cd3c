package dev.tflmstudio.cli;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.run.OpStats;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.RunSource;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.analysis.OpStatistics;
import dev.tflmstudio.serial.analysis.SessionSummary;
import dev.tflmstudio.serial.analysis.TickClock;
import dev.tflmstudio.serial.analysis.TickStats;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A board session's measurements as a profiler run (what calibration and run diffs take). */
public final class MeasuredRuns {
    private MeasuredRuns() {
    }

    /** Steady-state statistics per op (all invocations when there is no steady state yet), in microseconds. */
    public static Run of(SessionSummary summary, TickClock clock, Model model, DeviceProfile device,
                         RunSource source) {
        List<OpTiming> ops = new ArrayList<>();
        for (OpStatistics s : summary.ops()) {
            TickStats st = s.steady().count() > 0 ? s.steady() : s.all();
            OpStats stats = new OpStats(s.all().count(), clock.micros(st.min()), clock.micros(st.median()),
                    clock.micros(st.p95()), clock.micros(st.max()), clock.micros(s.firstTicks()));
            ops.add(new OpTiming(s.index(), s.tag(), List.of(), stats, null));
        }
        Long arena = summary.arena().totalBytes() >= 0 ? summary.arena().totalBytes() : null;
        return new Run(Run.FORMAT, Path.of(model.source()).getFileName().toString(), "", source, device.id(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), (int) summary.matchedInvocations(), arena,
                ops);
    }
}
