package dev.tflmstudio.profiler.estimate;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.devices.MacCost;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits a device profile's three cost coefficients (cycles per MAC for int8 and float32, and bytes per cycle) to
 * measured runs, by non-negative least squares over every op's cycles ({@link DeviceEstimator}'s formula is linear
 * in them). Coefficients the runs say nothing about (no float op measured, say) keep the profile's value.
 */
public final class Calibration {
    /** Bandwidth written when memory traffic had no measurable cost: large enough to make it negligible. */
    static final double NEGLIGIBLE_MEMORY_BYTES_PER_CYCLE = 1e6;
    private static final double MIN_CYCLES_PER_MAC = 1e-3;

    private Calibration() {
    }

    /** A model's static cost paired with a measured run of that model. */
    public record Measurement(ModelCost cost, Run run) {
    }

    /**
     * Fits {@code base} to the measurements. The calibrated profile gets id {@code newId} and says in its notes
     * and MAC basis how it was obtained.
     *
     * @throws IllegalArgumentException when a run's ops do not match its model's ops (count or op names)
     */
    public static CalibrationResult fit(DeviceProfile base, List<Measurement> measurements, String newId) {
        List<double[]> rows = new ArrayList<>();
        List<Double> cycles = new ArrayList<>();
        for (Measurement m : measurements) {
            checkMatches(m);
            for (OpCost op : m.cost().ops()) {
                double micros = m.run().ops().get(op.opIndex()).micros();
                rows.add(new double[] {op.isFloat() ? 0 : op.work(), op.isFloat() ? op.work() : 0, op.bytesMoved()});
                cycles.add(micros * base.clockHz() / 1e6);
            }
        }
        double[][] x = rows.toArray(new double[0][]);
        double[] y = cycles.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = NonNegativeLeastSquares.solve(x, y);
        boolean[] seen = new boolean[3];
        for (double[] row : x) {
            for (int c = 0; c < 3; c++) {
                seen[c] |= row[c] != 0;
            }
        }
        double int8 = seen[0] ? Math.max(b[0], MIN_CYCLES_PER_MAC) : base.cyclesPerMac().int8();
        double float32 = seen[1] ? Math.max(b[1], MIN_CYCLES_PER_MAC) : base.cyclesPerMac().float32();
        double bandwidth = !seen[2] ? base.memoryBandwidthBytesPerCycle()
                : b[2] > 0 ? Math.min(1 / b[2], NEGLIGIBLE_MEMORY_BYTES_PER_CYCLE)
                : NEGLIGIBLE_MEMORY_BYTES_PER_CYCLE;
        String how = String.format(Locale.ROOT, "calibrated %s by least squares over %d ops of %d run(s) (%s)",
                LocalDate.now(ZoneOffset.UTC), rows.size(), measurements.size(), describe(measurements));
        MacCost mac = new MacCost(int8, float32, false, how);
        String notes = how + "; fitted from built-in profile '" + base.id() + "'"
                + (seen[1] ? "" : "; float32 figure kept (no float op measured)")
                + (seen[2] && b[2] == 0 ? "; memory traffic had no measurable cost" : "");
        DeviceProfile calibrated = new DeviceProfile(newId, base.name() + " (calibrated)", base.vendor(), base.mcu(),
                base.core(), base.architecture(), base.clockHz(), base.wordSizeBits(), base.fpu(), base.simd(),
                base.sram(), base.flash(), base.usbIds(), base.defaultBaud(), mac, bandwidth,
                base.kernels(), notes, "calibration");
        List<OpComparison> ops = new ArrayList<>();
        for (Measurement m : measurements) {
            DeviceEstimate before = DeviceEstimator.estimate(m.cost(), base);
            DeviceEstimate after = DeviceEstimator.estimate(m.cost(), calibrated);
            for (OpCost op : m.cost().ops()) {
                int i = op.opIndex();
                ops.add(new OpComparison(m.run().model(), i, op.opName(), before.ops().get(i).micros(),
                        after.ops().get(i).micros(), m.run().ops().get(i).micros()));
            }
        }
        return new CalibrationResult(base, calibrated, ops);
    }

    private static void checkMatches(Measurement m) {
        List<OpCost> ops = m.cost().ops();
        List<OpTiming> timed = m.run().ops();
        if (ops.size() != timed.size()) {
            throw new IllegalArgumentException("run of " + m.run().model() + " has " + timed.size()
                    + " ops but the model has " + ops.size());
        }
        for (int i = 0; i < ops.size(); i++) {
            if (!ops.get(i).opName().equals(timed.get(i).opName())) {
                throw new IllegalArgumentException("op " + i + ": the run of " + m.run().model() + " says "
                        + timed.get(i).opName() + " but the model has " + ops.get(i).opName());
            }
        }
    }

    private static String describe(List<Measurement> measurements) {
        List<String> parts = new ArrayList<>();
        for (Measurement m : measurements) {
            parts.add(m.run().model() + " " + m.run().source().kind().name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", parts);
    }
}
