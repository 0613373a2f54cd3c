package dev.tflmstudio.app.profile;

import dev.tflmstudio.profiler.overlay.OpOverlay;
import dev.tflmstudio.runtime.cost.ModelCost;
import dev.tflmstudio.runtime.model.Model;
import dev.tflmstudio.runtime.plan.MemoryPlan;
import dev.tflmstudio.serial.analysis.SessionSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What File > Export > Overlay writes: the Profile window's shown numbers (local and board medians, the device
 * estimate) with the cost model's MACs and the plan's live bytes, for Model Explorer or Netron.
 */
public final class ProfileOverlay {
    private ProfileOverlay() {
    }

    /**
     * @param board the board session the rows show (its medians are exported only in µs, with a known clock)
     * @param basis the Device µs column's basis line, or "" when there is no estimate
     */
    public static OpOverlay of(Model model, ModelCost cost, MemoryPlan plan, List<ProfileRow> rows,
                               SessionSummary board, String basis) {
        int n = model.main().operators().size();
        double[] local = nan(n);
        double[] boardUs = nan(n);
        double[] device = nan(n);
        int invokes = 0;
        for (ProfileRow r : rows) {
            if (r.op() < n) {
                local[r.op()] = r.medianUs();
                boardUs[r.op()] = r.boardMedian();
                device[r.op()] = r.deviceUs();
                invokes = Math.max(invokes, r.count());
            }
        }
        boolean boardInMicros = board != null && board.matchedInvocations() > 0
                && ProfileRows.boardUnit(board) == ProfileRows.BoardUnit.MICROS;
        List<String> notes = new ArrayList<>();
        if (invokes > 0) {
            notes.add("local: TFLM Studio runtime, " + invokes + " invokes, steady-state medians");
        }
        if (boardInMicros) {
            notes.add(String.format(Locale.ROOT, "board: %d matched invocations, steady-state medians (%s)",
                    board.matchedInvocations(), board.clock().source()));
        }
        if (!basis.isEmpty()) {
            notes.add(basis);
        }
        if (plan != null) {
            notes.add("live bytes: the " + plan.planner() + " plan for " + plan.target().id());
        }
        return OpOverlay.of(model, cost, plan, invokes > 0 ? local : null, boardInMicros ? boardUs : null,
                allNaN(device) ? null : device, notes);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static boolean allNaN(double[] a) {
        return Arrays.stream(a).allMatch(Double::isNaN);
    }
}
