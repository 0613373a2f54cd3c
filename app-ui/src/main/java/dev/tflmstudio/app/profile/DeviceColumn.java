package dev.tflmstudio.app.profile;

import dev.tflmstudio.cli.MeasuredRuns;
import dev.tflmstudio.devices.DeviceProfile;
import dev.tflmstudio.profiler.estimate.Calibration;
import dev.tflmstudio.profiler.estimate.DeviceEstimator;
import dev.tflmstudio.profiler.estimate.OpEstimate;
import dev.tflmstudio.profiler.run.RunSource;
import dev.tflmstudio.profiler.run.SourceKind;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.serial.analysis.SessionSummary;
import java.util.Arrays;
import java.util.List;

/**
 * The profile's Device µs column: the device cost model's per-op estimate ({@link DeviceEstimator}, the formula the
 * virtual board's ticks use), calibrated to the board's measured run when the board attached is that device and
 * has measured invocations, with the line saying which.
 *
 * @param micros  per-op estimate, NaN for ops without one
 * @param summary one short line: the formula with its figures, and whether they were calibrated
 * @param basis   the whole basis (where the profile's figures come from)
 */
record DeviceColumn(double[] micros, String summary, String basis) {
    /** Null when no device is chosen or the costs are not ready. */
    static DeviceColumn of(Model m, ModelCost cost, DeviceProfile device, SessionSummary board,
                           DeviceProfile boardDevice) {
        if (cost == null || device == null) {
            return null;
        }
        DeviceProfile used = device;
        String summary = "estimate for " + device.name() + ": " + device.costFormula() + "; figures "
                + (device.cyclesPerMac().estimated() ? "estimated, not measured (attach or replay a board of this "
                + "device to calibrate them)" : "measured");
        if (board != null && board.matchedInvocations() > 0 && board.clock() != null && boardDevice != null
                && boardDevice.id().equals(device.id())) {
            try {
                var run = MeasuredRuns.of(board, board.clock(), m, device,
                        new RunSource(SourceKind.BOARD, "board session"));
                used = Calibration.fit(device, List.of(new Calibration.Measurement(cost, run)),
                        device.id() + "-calibrated").calibrated();
                summary = "calibrated to the board's " + board.matchedInvocations() + " measured invocations: "
                        + used.costFormula() + " (" + device.name() + "'s formula, figures fitted by least squares)";
            } catch (IllegalArgumentException e) {
                summary += " (not calibrated: " + e.getMessage() + ")";
            }
        }
        double[] us = new double[m.main().operators().size()];
        Arrays.fill(us, Double.NaN);
        for (OpEstimate e : DeviceEstimator.estimate(cost, used).ops()) {
            if (e.opIndex() < us.length) {
                us[e.opIndex()] = e.micros();
            }
        }
        return new DeviceColumn(us, summary, used.costBasis());
    }
}
