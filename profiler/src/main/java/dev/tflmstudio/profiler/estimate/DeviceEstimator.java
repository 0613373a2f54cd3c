package dev.tflmstudio.profiler.estimate;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.cost.ModelCost;
import dev.tflmstudio.profiler.cost.OpCost;
import dev.tflmstudio.profiler.run.OpStats;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.RunSource;
import dev.tflmstudio.profiler.run.SourceKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predicts per-op cycles on a device from the cost model and the device profile's core figures:
 * <pre>
 *   cycles = (MACs + other operations) x cycles per MAC (int8 figure, or float32 figure for float ops)
 *          + (weight + activation bytes moved) / memory bandwidth (bytes per cycle)
 * </pre>
 * The profile's float32 figure already reflects whether the core has an FPU (software float is far slower) and
 * its int8 figure whether SIMD helps reference kernels. Integer ops that are not int8 (int16, int32) use the int8
 * figure. The formula is linear in the three profile coefficients, which is what lets {@link Calibration} fit them.
 */
public final class DeviceEstimator {
    private DeviceEstimator() {
    }

    public static DeviceEstimate estimate(ModelCost cost, DeviceProfile device) {
        List<OpEstimate> ops = new ArrayList<>(cost.ops().size());
        for (OpCost op : cost.ops()) {
            ops.add(estimate(op, device));
        }
        return new DeviceEstimate(device.id(), device.name(), device.clockHz(), ops, basis(device));
    }

    public static OpEstimate estimate(OpCost op, DeviceProfile device) {
        double perMac = op.isFloat() ? device.cyclesPerMac().float32() : device.cyclesPerMac().int8();
        double compute = op.work() * perMac;
        double memory = op.bytesMoved() / device.memoryBandwidthBytesPerCycle();
        double micros = (compute + memory) * 1e6 / device.clockHz();
        return new OpEstimate(op.opIndex(), op.opName(), compute, memory, micros);
    }

    /** One line saying what the numbers rest on, shown beside every estimate. */
    public static String basis(DeviceProfile device) {
        return String.format(Locale.ROOT, "estimate for %s at %.0f MHz: (MACs + ops) x %.3g cycles/MAC int8, "
                        + "%.3g float32 (FPU %s, SIMD %s) + bytes / %.3g B/cycle; profile figures %s (%s)",
                device.id(), device.clockMHz(), device.cyclesPerMac().int8(), device.cyclesPerMac().float32(),
                device.fpu().fileName(), device.simd(), device.memoryBandwidthBytesPerCycle(),
                device.cyclesPerMac().estimated() ? "estimated" : "measured", device.cyclesPerMac().basis());
    }

    /** The estimate as a run (source {@link SourceKind#ESTIMATE}), so it can be compared with measured runs. */
    public static Run toRun(DeviceEstimate estimate, String modelName, String modelSha256) {
        List<OpTiming> ops = new ArrayList<>();
        for (OpEstimate op : estimate.ops()) {
            ops.add(new OpTiming(op.opIndex(), op.opName(), List.of(op.micros()), OpStats.single(op.micros()),
                    null));
        }
        return new Run(Run.FORMAT, modelName, modelSha256, new RunSource(SourceKind.ESTIMATE, estimate.basis()),
                estimate.deviceId(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), 1, null, ops);
    }
}
