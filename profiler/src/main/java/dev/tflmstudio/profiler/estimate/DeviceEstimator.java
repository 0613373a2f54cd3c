package dev.tflmstudio.profiler.estimate;

import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.devices.OpCycles;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.cost.OpCost;
import dev.tflmstudio.profiler.run.OpStats;
import dev.tflmstudio.profiler.run.OpTiming;
import dev.tflmstudio.profiler.run.Run;
import dev.tflmstudio.profiler.run.RunSource;
import dev.tflmstudio.profiler.run.SourceKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Predicts per-op cycles and time on a device: the runtime's static cost of each op ({@code runtime.cost}) through
 * the device's one cost formula, {@link DeviceProfile#opCycles} (the formula the virtual board's ticks use too).
 * It is linear in the profile's three figures, which is what lets {@link Calibration} fit them.
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
        OpCycles c = device.opCycles(op.work(), op.bytesMoved(), op.isFloat());
        return new OpEstimate(op.opIndex(), op.opName(), c.compute(), c.memory(), c.total() * 1e6 / device.clockHz());
    }

    /** One line saying what the numbers rest on, shown beside every estimate. */
    public static String basis(DeviceProfile device) {
        return device.costBasis();
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
